forecast examples/ukraine-2025.yaml --model eum --trace --format json
