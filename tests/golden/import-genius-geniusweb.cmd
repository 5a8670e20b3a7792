import genius tests/data/geniusweb/jobs
