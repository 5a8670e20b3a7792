backtest --deu tests/golden/backtest-bad-wide.tsv
