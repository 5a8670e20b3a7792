space examples/ukraine-2025.yaml --grid 1
