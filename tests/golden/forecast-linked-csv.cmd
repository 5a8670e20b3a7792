forecast tests/data/forecast/linked.yaml --format csv
