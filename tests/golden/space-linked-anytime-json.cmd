space tests/data/space/linked-big.yaml --grid 200 --format json --limit 2
