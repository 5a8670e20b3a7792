eval examples/ukraine-2025.yaml --all
