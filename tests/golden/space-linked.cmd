space tests/data/space/linked.yaml --grid 6
