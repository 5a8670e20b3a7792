#!/usr/bin/env bash
# scripts/deps.sh [--test] — installs the Debian packages Parley needs to
# build (and, with --test, to run its test suite and fuzzers) when any is
# missing. Idempotent and quiet when everything is there.
set -euo pipefail
# Build: the compiler, CMake, and the libraries (YAML, XML, SQLite for the
# run archive, GSL for Monte Carlo, libmicrohttpd for `parley serve`).
pkgs=(gcc libc6-dev make cmake pkg-config libfyaml-dev libexpat1-dev libsqlite3-dev libgsl-dev
      libmicrohttpd-dev)
# Tests: clang + its runtime (fuzzers) and OpenMP runtime (libomp, with the
# Archer tool the ThreadSanitizer build needs), python3 and curl (CLI and HTTP tests),
# sqlite3 (archive checks), Open MPI (the 2-rank Monte Carlo test), Node.js +
# npm (vega for reports, playwright-core) and Debian's chromium (browser test).
if [ "${1:-}" = --test ]; then
  pkgs+=(clang libclang-rt-14-dev libomp-14-dev python3 curl ca-certificates sqlite3 openmpi-bin libopenmpi-dev
         chromium)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js and npm: any install will do (a machine may have NodeSource's node,
# which bundles npm and conflicts with Debian's npm package).
if [ "${1:-}" = --test ]; then
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "parley: installing ${missing[*]} (Debian packages)" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "parley: need root to install: apt-get install ${missing[*]}" >&2; exit 3; fi
else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
