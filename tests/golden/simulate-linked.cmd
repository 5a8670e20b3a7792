simulate tests/data/sim/linked.yaml
