eval tests/two-level/bloc-split.yaml --format json
