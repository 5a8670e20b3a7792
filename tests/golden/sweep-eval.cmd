sweep examples/ukraine-2025.yaml --set actors.UKR.batna=0.2..0.4:0.05 --proposal us-28-point
