sweep examples/ukraine-2025.yaml --set actors.RUS.batna=0.5..0.6:0.1 --what simulate
