check tests/data/linked/toy.yaml
