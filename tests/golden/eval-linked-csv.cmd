eval tests/data/linked/toy.yaml --format csv
