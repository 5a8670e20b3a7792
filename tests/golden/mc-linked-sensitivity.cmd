sensitivity tests/data/mc/linked-term.yaml -n 200 --resamples 100
