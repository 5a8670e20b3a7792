sensitivity tests/data/mc/small.yaml -n 200 --metric utility:N
