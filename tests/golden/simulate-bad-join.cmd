simulate examples/ukraine-2025.yaml --join XX
