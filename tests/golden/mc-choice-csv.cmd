montecarlo tests/data/mc/choice.yaml -n 300 --format csv
