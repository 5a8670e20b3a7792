space tests/data/space/linked-term-blocks.yaml --format json
