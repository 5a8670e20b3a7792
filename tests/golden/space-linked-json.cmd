space tests/data/space/linked.yaml --grid 6 --format json --limit 3
