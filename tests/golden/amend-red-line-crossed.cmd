amend tests/data/space/amend-open.yaml --proposal red-crossed
