trades examples/ukraine-2025.yaml --limit 3
