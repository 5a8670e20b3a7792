eval examples/ukraine-2025.yaml --proposal e3-counter --format csv
