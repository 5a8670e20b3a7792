space tests/data/space/estimate.yaml --format csv --limit 5
