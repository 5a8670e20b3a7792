space tests/data/space/estimate.yaml --method brute --limit 3
