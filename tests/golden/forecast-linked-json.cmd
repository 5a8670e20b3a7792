forecast tests/data/forecast/linked.yaml --model median --format json
