import genius tests/data/genius/nonlinear
