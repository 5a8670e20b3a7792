space tests/data/space/estimate.yaml --budget 100 --samples 20000 --seed 3 --format json --limit 1
