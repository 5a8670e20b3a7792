amend examples/ukraine-2025.yaml --proposal e3-counter --actors RUS,UKR,USA,EU --drop-red-lines UKR:nato --format json --limit 2
