montecarlo tests/data/mc/small.yaml -n 2000
