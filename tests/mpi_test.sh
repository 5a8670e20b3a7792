#!/usr/bin/env bash
# mpi_test.sh BUILD-MPI ROOT — `parley montecarlo` built with -DPARLEY_MPI=ON:
# 2 ranks on localhost must write the same JSON, byte for byte, as 1 rank
# with 1 thread and 1 rank with 2 threads, for each evaluator. The JSON
# holds no timing field, so nothing is removed before comparing.
set -u
build=$(cd "$1" && pwd)
cd "$2" || exit 1
. tests/lib.sh
command -v mpirun >/dev/null || { t_skip mpi "mpirun not found (Debian openmpi-bin)"; t_done; }
tmp=$T_TMP
[ "$(id -u)" = 0 ] && export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# Shared memory and loopback only: no network in CI sandboxes.
mpi=(mpirun --oversubscribe --mca btl self,vader --mca btl_vader_single_copy_mechanism none)
for what in simulate space forecast; do
  args=(montecarlo tests/data/mc/small.yaml -n 1001 --what "$what" --quiet --format json)
  t_expect_rc 0 "$what: 1 rank, 1 thread" "$build/parley" "${args[@]}" --threads 1 -o "$tmp/serial.json"
  t_expect_rc 0 "$what: 1 rank, 2 threads" "$build/parley" "${args[@]}" --threads 2 -o "$tmp/threads.json"
  t_expect_rc 0 "$what: 2 ranks, 1 thread" "${mpi[@]}" -np 2 "$build/parley" "${args[@]}" --threads 1 -o "$tmp/ranks.json"
  t_expect_rc 0 "$what: 2 ranks, 2 threads" "${mpi[@]}" -np 2 "$build/parley" "${args[@]}" --threads 2 -o "$tmp/ranks2.json"
  for f in threads ranks ranks2; do
    t_expect_same "$what: $f gives the bytes of 1 rank, 1 thread" "$tmp/serial.json" "$tmp/$f.json"
  done
done
# Choices (a strategy drawn per sample): their per-option counters add up too.
args=(montecarlo tests/data/mc/choice.yaml -n 1001 --quiet --format json)
t_expect_rc 0 "choice: 1 rank, 1 thread" "$build/parley" "${args[@]}" --threads 1 -o "$tmp/serial.json"
t_expect_rc 0 "choice: 2 ranks, 2 threads" "${mpi[@]}" -np 2 "$build/parley" "${args[@]}" --threads 2 -o "$tmp/ranks2.json"
t_expect_same "choice: 2 ranks give the bytes of 1 rank, 1 thread" "$tmp/serial.json" "$tmp/ranks2.json"
t_check "choice: the per-option counts are there" grep -q '"hangs": true' "$tmp/serial.json"
# An error on the ranks: every rank stops, exit 1, no output file.
t_run "${mpi[@]}" -np 2 "$build/parley" montecarlo tests/data/mc/none.yaml --quiet -o "$tmp/none.json"
t_check "no uncertain input refused under mpirun" test "$T_RC" -ne 0
t_check "no file left on error" test ! -e "$tmp/none.json"
t_done
