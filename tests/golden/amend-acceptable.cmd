amend tests/data/space/amend-open.yaml --proposal fine
