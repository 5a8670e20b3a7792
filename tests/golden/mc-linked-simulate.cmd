montecarlo tests/data/mc/linked-term.yaml -n 400
