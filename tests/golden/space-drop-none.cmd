space examples/ukraine-2025.yaml --drop-red-lines USA:nato
