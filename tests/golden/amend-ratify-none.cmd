amend tests/two-level/amend-ratify.yaml --proposal a-plan --set ratification.parliament.members.hawks.stances.x.values.b=0.4
