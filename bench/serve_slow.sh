#!/usr/bin/env bash
# serve_slow.sh PARLEY [ROOT] — slow clients against `parley serve`: SLOW
# connections (default 70, past the 64 connection slots) each send a
# request's headers one byte every 4 s, as the issue's attack did, while a
# normal client asks GET /api/health and POSTs the Ukraine example to
# /api/eval every 0.5 s for DURATION seconds (default 30). Prints the normal
# client's latencies and failures and how many slow connections the server
# closed. Needs python3. Example: bench/serve_slow.sh build-release/parley
set -u
parley=$1 root=${2:-$(cd "$(dirname "$0")/.." && pwd)}
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
"$parley" serve --port 0 --root "$root" --quiet ${SERVE_ARGS:-} >"$tmp/out" 2>"$tmp/err" &
pid=$!
url=
for _ in $(seq 100); do
  url=$(sed -n 's|.*listening on \(http://[^ ]*\)/ .*|\1|p' "$tmp/out")
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "serve_slow: the server did not start"; cat "$tmp/err"; exit 1; }
python3 - "$url" "${SLOW:-70}" "${DURATION:-30}" "$root/examples/ukraine-2025.yaml" <<'PY'
import socket, statistics, sys, threading, time, urllib.request
url, slow, duration, scenario = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
host, port = url.split("//")[1].split(":")
port = int(port)
stop = threading.Event()
closed = [0]
def trickle():
    # One connection: a request line, then a header byte every 4 s; when the
    # server closes it, open another at once (the attacker keeps the pressure).
    msg = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + b"a" * 10000
    while not stop.is_set():
        try:
            s = socket.create_connection((host, port), timeout=5)
            i = 0
            while not stop.is_set():
                s.send(msg[i:i + 1]); i += 1
                if stop.wait(4):
                    break
        except OSError:
            closed[0] += 1
            stop.wait(0.05)
threads = [threading.Thread(target=trickle, daemon=True) for _ in range(slow)]
for t in threads:
    t.start()
time.sleep(1.0)  # every slow connection is open
body = open(scenario, "rb").read()
lat = {"health": [], "eval": []}
fail = {"health": 0, "eval": 0}
end = time.time() + duration
while time.time() < end:
    for kind in ("health", "eval"):
        t0 = time.time()
        try:
            if kind == "health":
                r = urllib.request.urlopen(url + "/api/health", timeout=60)
            else:
                rq = urllib.request.Request(url + "/api/eval", data=body,
                                            headers={"Content-Type": "application/yaml"})
                r = urllib.request.urlopen(rq, timeout=60)
            r.read()
            lat[kind].append(time.time() - t0)
        except Exception:
            fail[kind] += 1
    time.sleep(0.5)
stop.set()
print(f"{slow} slow clients (a header byte every 4 s), {duration:.0f} s; a normal client every 0.5 s:")
for kind in ("health", "eval"):
    v = sorted(lat[kind])
    if v:
        print(f"  {kind:6s}: {len(v)} answered, {fail[kind]} failed; latency median "
              f"{statistics.median(v) * 1e3:.1f} ms, p90 {v[int(0.9 * (len(v) - 1))] * 1e3:.1f} ms, "
              f"max {v[-1] * 1e3:.1f} ms")
    else:
        print(f"  {kind:6s}: none answered, {fail[kind]} failed")
print(f"  slow connections closed by the server (and reopened): {closed[0]}")
PY
rc=$?
if kill -0 "$pid" 2>/dev/null; then echo "serve_slow: the server is still up"; else echo "serve_slow: FAIL: the server is down"; rc=1; fi
exit $rc
