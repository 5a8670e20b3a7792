space tests/data/space/linked-big.yaml --grid 200 --limit 2 --budget 1e5
