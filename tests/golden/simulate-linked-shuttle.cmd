simulate tests/data/sim/linked.yaml --protocol mediated --meeting shuttle --detail
