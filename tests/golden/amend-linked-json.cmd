amend tests/data/space/linked.yaml --grid 6 --proposal lausanne --format json
