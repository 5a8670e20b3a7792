simulate tests/two-level/bloc-split.yaml --detail
