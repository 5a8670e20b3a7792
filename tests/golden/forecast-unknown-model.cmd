forecast examples/ukraine-2025.yaml --model bdm
