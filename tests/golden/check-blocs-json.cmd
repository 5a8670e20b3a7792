check tests/two-level/bloc-split.yaml --format json
