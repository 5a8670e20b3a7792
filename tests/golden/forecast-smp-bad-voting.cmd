forecast examples/ukraine-2025.yaml --model smp --smp-voting cubical
