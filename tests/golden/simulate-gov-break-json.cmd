simulate tests/two-level/gov-break.yaml --format json
