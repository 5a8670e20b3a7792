space tests/two-level/transfer-zopa.yaml --format json
