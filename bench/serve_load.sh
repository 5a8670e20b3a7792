#!/usr/bin/env bash
# serve_load.sh PARLEY [ROOT] — a bounded load test of `parley serve` on
# loopback: wrk, 2 threads, 8 connections, 10 seconds (override with
# THREADS, CONNECTIONS, DURATION), posting the Ukraine example to /api/eval.
# Prints throughput and latency percentiles, then checks that no request
# failed and that the server still answers. Needs Debian's wrk and curl.
set -u
parley=$1 root=${2:-$(cd "$(dirname "$0")/.." && pwd)}
command -v wrk >/dev/null || { echo "serve_load: needs wrk (apt-get install wrk)"; exit 77; }
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
"$parley" serve --port 0 --root "$root" --quiet --max-jobs "${JOBS:-$(nproc)}" \
  >"$tmp/out" 2>"$tmp/err" &
pid=$!
url=
for _ in $(seq 100); do
  url=$(sed -n 's|.*listening on \(http://[^ ]*\)/ .*|\1|p' "$tmp/out")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "serve_load: the server did not start"; cat "$tmp/err"; exit 1; }
export PARLEY_SCENARIO=$root/examples/ukraine-2025.yaml
echo "wrk -t${THREADS:-2} -c${CONNECTIONS:-8} -d${DURATION:-10}s POST $url/api/eval (Ukraine example)"
wrk -t"${THREADS:-2}" -c"${CONNECTIONS:-8}" -d"${DURATION:-10}s" --timeout 30s \
  -s "$root/bench/serve_load.lua" "$url" | tee "$tmp/wrk"
rc=0
grep -q 'failed: connect 0, read 0, write 0, timeout 0, non-2xx 0' "$tmp/wrk" ||
  { echo "serve_load: FAIL: some requests failed"; rc=1; }
if curl -sf "$url/api/health" >/dev/null && kill -0 "$pid"; then echo "serve_load: the server is still up"
else echo "serve_load: FAIL: the server is down"; rc=1; fi
exit $rc
