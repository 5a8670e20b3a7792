simulate tests/two-level/transfer-sim.yaml --format json
