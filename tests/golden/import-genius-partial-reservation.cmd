import genius tests/data/geniusweb/partial-reservation
