space examples/ukraine-2025.yaml --actors RUS,UKR,USA,EU --drop-red-lines UKR:nato
