help runs
