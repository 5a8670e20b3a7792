montecarlo tests/two-level/gov-mc.yaml -n 500
