space examples/ukraine-2025.yaml --drop-red-lines UKR:natoo
