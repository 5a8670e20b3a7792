forecast examples/ukraine-2025.yaml --model smp --smp-salience normalize
