check tests/data/mc/choice.yaml
