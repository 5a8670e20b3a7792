space tests/data/space/linked-no-deal.yaml --format json
