#!/usr/bin/env bash
# bench_mc_mpi.sh BUILD [SCENARIO] [N] — the 2-rank MPI figure: runs
# `parley montecarlo` from an MPI build (-DPARLEY_MPI=ON) on 1 rank and on
# 2 ranks (one thread each), prints simulations per minute and the parallel
# efficiency, and checks that both wrote the same JSON.
set -eu
build=$1
root=$(cd "$(dirname "$0")/.." && pwd)
scenario=${2:-$root/examples/ukraine-2025.yaml}
n=${3:-200000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mpi=(mpirun --oversubscribe --mca btl self,vader)
[ "$(id -u)" = 0 ] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
declare -A wall
for np in 1 2; do
  t0=$(date +%s.%N)
  "${mpi[@]}" -np $np "$build/parley" montecarlo "$scenario" -n "$n" --threads 1 --quiet \
    --format json -o "$tmp/np$np.json"
  t1=$(date +%s.%N)
  wall[$np]=$(echo "$t1 - $t0" | bc -l)
  printf 'ranks %d: %6.2f s  %10.0f sims/min\n' $np "${wall[$np]}" "$(echo "60 * $n / ${wall[$np]}" | bc -l)"
done
printf 'parallel efficiency on 2 ranks: %.0f%%\n' "$(echo "100 * ${wall[1]} / ${wall[2]} / 2" | bc -l)"
cmp -s "$tmp/np1.json" "$tmp/np2.json" && echo "1 and 2 ranks wrote identical JSON" ||
  { echo "1 and 2 ranks wrote DIFFERENT JSON"; exit 1; }
