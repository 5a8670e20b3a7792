simulate examples/ukraine-2025.yaml --without walk-away --protocol alternating
