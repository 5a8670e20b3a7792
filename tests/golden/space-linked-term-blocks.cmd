space tests/data/space/linked-term-blocks.yaml
