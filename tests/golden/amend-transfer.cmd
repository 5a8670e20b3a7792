amend tests/two-level/transfer-zopa.yaml --proposal middle
