amend tests/two-level/amend-ratify.yaml --proposal a-plan
