space tests/data/space/linked-no-deal.yaml
