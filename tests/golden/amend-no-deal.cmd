amend examples/ukraine-2025.yaml --proposal us-28-point
