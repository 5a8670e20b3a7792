montecarlo tests/data/forecast/linked.yaml --what forecast -n 300 --format csv
