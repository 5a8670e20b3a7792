#!/usr/bin/env bash
# scripts/build.sh DIR [CMAKE ARGS...] — configures and builds Parley in
# DIR, quietly; rebuilds only what changed (only the targets named in
# BUILD_TARGETS when it is set). Configuring every time is cheap and never
# leaves a failed configuration behind to trip the next run.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir=$1; shift
mkdir -p "$dir"
cmake -S "$root" -B "$dir" "$@" >"$dir/configure.log" 2>&1 || { cat "$dir/configure.log" >&2; exit 3; }
targets=()
for t in ${BUILD_TARGETS:-}; do targets+=(--target "$t"); done
cmake --build "$dir" -j"$(nproc)" "${targets[@]}" >"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; exit 3; }
