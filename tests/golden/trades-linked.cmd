trades tests/data/space/linked.yaml --grid 6 --all
