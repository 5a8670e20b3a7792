forecast examples/ukraine-2025.yaml --model condorcet --trace --format csv
