backtest --deu tests/golden/backtest-bad-position.tsv
