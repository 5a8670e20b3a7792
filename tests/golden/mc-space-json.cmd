montecarlo tests/data/mc/small.yaml -n 500 --what space --format json
