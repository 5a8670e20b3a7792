eval tests/data/linked/toy.yaml --detail
