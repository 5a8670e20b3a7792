space tests/two-level/transfer-zopa.yaml --set transfers.aid.max=29
