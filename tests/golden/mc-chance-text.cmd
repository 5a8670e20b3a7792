montecarlo tests/data/mc/chance.yaml -n 300
