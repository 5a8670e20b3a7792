import genius tests/data/genius/lenient
