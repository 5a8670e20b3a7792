sensitivity tests/data/mc/choice.yaml -n 100 --resamples 50
