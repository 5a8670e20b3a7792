simulate tests/data/sim/two-party.yaml
