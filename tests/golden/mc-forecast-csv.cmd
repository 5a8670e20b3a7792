montecarlo tests/data/mc/small.yaml -n 300 --what forecast --model median --format csv
