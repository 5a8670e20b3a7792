#!/usr/bin/env bash
# browser_test.sh PARLEY ROOT — the web application in a real browser:
# starts `parley serve --port 0`, runs tests/web/browser_test.mjs (Debian's
# chromium driven by playwright-core), then the HTML report of
# `parley report` opened from the file, and saves docs/img/serve.png when
# PARLEY_SCREENSHOT=1 (else a temporary file). Exits 77 (skipped) only when
# chromium, node or node_modules (run 'npm ci') is absent.
set -u
parley=$1 root=$2
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then echo "skipped: no $chromium (apt-get install chromium)"; exit 77; fi
if ! command -v node >/dev/null; then echo "skipped: no node (apt-get install nodejs npm)"; exit 77; fi
for m in playwright-core vega vega-lite vega-embed; do
  if [ ! -d "$root/node_modules/$m" ]; then echo "skipped: no node_modules/$m (run 'npm ci')"; exit 77; fi
done
tmp=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"' EXIT
"$parley" serve --port 0 --root "$root" --quiet --time-limit 240 --queue-wait 240 >"$tmp/out" 2>"$tmp/err" &
pid=$!
url=
for _ in $(seq 200); do
  url=$(sed -n 's|.*listening on \(http://[^ ]*/\) .*|\1|p' "$tmp/out")
  [ -n "$url" ] && break
  sleep 0.1
done
if [ -z "$url" ]; then echo "FAIL: the server did not start"; cat "$tmp/err"; exit 1; fi
shot=$tmp/serve.png
[ "${PARLEY_SCREENSHOT:-0}" = 1 ] && shot=$root/docs/img/serve.png
"$parley" report "$root/examples/ukraine-2025.yaml" -o "$tmp/report.html" --root "$root" ||
  { echo "FAIL: parley report"; exit 1; }
cd "$root" || exit 1
node tests/web/browser_test.mjs "$url" "$shot" "$tmp/report.html"
rc=$?
[ $rc -ne 0 ] && { echo "server's stderr (last lines):"; tail -20 "$tmp/err"; }
exit $rc
