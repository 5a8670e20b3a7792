import actors tests/golden/plain-actors.csv
