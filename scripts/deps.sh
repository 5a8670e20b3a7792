#!/usr/bin/env bash
# scripts/deps.sh [--test] — installs the Debian packages Parley needs to
# build (and, with --test, to run its test suite and fuzzers) when any is
# missing. Idempotent and quiet when everything is there.
set -euo pipefail
pkgs=(gcc libc6-dev make cmake pkg-config libfyaml-dev libexpat1-dev)
if [ "${1:-}" = --test ]; then
  pkgs+=(clang libclang-rt-14-dev python3)
fi
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "parley: installing ${missing[*]} (Debian packages)" >&2
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "parley: need root to install: apt-get install ${missing[*]}" >&2; exit 3; fi
else SUDO=; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
