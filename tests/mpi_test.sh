#!/usr/bin/env bash
# mpi_test.sh BUILD-MPI ROOT — `parley montecarlo` built with -DPARLEY_MPI=ON:
# 2 ranks on localhost must write the same JSON, byte for byte, as 1 rank
# with 1 thread and 1 rank with 2 threads, for each evaluator. The JSON
# holds no timing field, so nothing is removed before comparing.
set -u
build=$(cd "$1" && pwd)
cd "$2" || exit 1
command -v mpirun >/dev/null || { echo "mpi_test: mpirun not found (Debian openmpi-bin)"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
[ "$(id -u)" = 0 ] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Shared memory and loopback only: no network in CI sandboxes.
mpi=(mpirun --oversubscribe --mca btl self,vader --mca btl_vader_single_copy_mechanism none)
fail=0
for what in simulate space forecast; do
  args=(montecarlo tests/data/mc/small.yaml -n 1001 --what "$what" --quiet --format json)
  "$build/parley" "${args[@]}" --threads 1 -o "$tmp/serial.json" || fail=1
  "$build/parley" "${args[@]}" --threads 2 -o "$tmp/threads.json" || fail=1
  "${mpi[@]}" -np 2 "$build/parley" "${args[@]}" --threads 1 -o "$tmp/ranks.json" || fail=1
  "${mpi[@]}" -np 2 "$build/parley" "${args[@]}" --threads 2 -o "$tmp/ranks2.json" || fail=1
  for f in threads ranks ranks2; do
    cmp -s "$tmp/serial.json" "$tmp/$f.json" ||
      { echo "FAIL: $what: $f differs from 1 rank, 1 thread"; fail=1; }
  done
done
# An error on the ranks: every rank stops, exit 1, no output file.
"${mpi[@]}" -np 2 "$build/parley" montecarlo tests/data/mc/none.yaml --quiet \
  -o "$tmp/none.json" 2>"$tmp/err"
rc=$?
[ "$rc" -ne 0 ] || { echo "FAIL: no uncertain input accepted under mpirun"; fail=1; }
[ -e "$tmp/none.json" ] && { echo "FAIL: a file was left on error"; fail=1; }
[ "$fail" -eq 0 ] && echo "mpi_test: ok"
exit $fail
