import genius tests/data/genius/laptop
