trades examples/ukraine-2025.yaml --proposal us-28-point --format json --limit 2
