eval examples/ukraine-2025.yaml --proposal us-29-point
