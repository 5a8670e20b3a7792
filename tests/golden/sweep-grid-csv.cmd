sweep examples/ukraine-2025.yaml --set actors.UKR.batna=0.2..0.3:0.1 --set actors.RUS.batna=0.5..0.6:0.1 --format csv
