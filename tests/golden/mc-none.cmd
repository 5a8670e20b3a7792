montecarlo tests/data/mc/none.yaml -n 10
