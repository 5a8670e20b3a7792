amend examples/ukraine-2025.yaml --proposal us-28-point --actors RUS,UKR,USA,EU --drop-red-lines UKR:nato
