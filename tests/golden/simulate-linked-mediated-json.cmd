simulate tests/data/sim/linked.yaml --protocol mediated --format json
