forecast tests/data/forecast/linked.yaml
