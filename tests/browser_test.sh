#!/usr/bin/env bash
# browser_test.sh PARLEY ROOT — the web application in a real browser:
# starts `parley serve --port 0`, runs tests/web/browser_test.mjs (Debian's
# chromium driven by playwright-core), then the HTML report of
# `parley report` opened from the file, and saves docs/img/serve.png when
# PARLEY_SCREENSHOT=1 (else a temporary file); then tests/web/builder_test.mjs
# (the package builder; docs/img/builder.png with PARLEY_SCREENSHOT=1), then
# tests/web/analyses_test.mjs (forecast settings, sensitivity, sweep, chart
# export, the run archive of the server's --db; docs/img/sweep.png,
# sensitivity.png, archive.png with PARLEY_SCREENSHOT=1), then
# tests/web/editor_test.mjs (the scenario editor and its YAML round trip;
# docs/img/editor.png). Exits 77 (skipped) only when
# chromium, node or node_modules (run 'npm ci') is absent.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then t_skip browser "no $chromium (apt-get install chromium)"; t_done; fi
if ! command -v node >/dev/null; then t_skip browser "no node (apt-get install nodejs npm)"; t_done; fi
for m in playwright-core vega vega-lite vega-embed; do
  if [ ! -d "$root/node_modules/$m" ]; then t_skip browser "no node_modules/$m (run 'npm ci')"; t_done; fi
done
tmp=$T_TMP
# --time-limit 3600: the Monte Carlo to cancel asks 10^6 samples, which a
# loaded machine (425 samples/s seen) would otherwise refuse beforehand.
if ! t_serve "$parley" --root "$root" --quiet --time-limit 3600 --queue-wait 240 --db "$tmp/runs.db"; then
  t_fail "server" "did not start: $(cat "$tmp/serve.err")"; t_done
fi
shot=$tmp/serve.png
[ "${PARLEY_SCREENSHOT:-0}" = 1 ] && shot=$root/docs/img/serve.png
"$parley" report "$root/examples/ukraine-2025.yaml" -o "$tmp/report.html" --root "$root" ||
  { t_fail "parley report"; t_done; }
cd "$root" || exit 1
# The page's own steps print as they go; the whole run is one check here.
if node tests/web/browser_test.mjs "$url" "$shot" "$tmp/report.html"; then t_ok "browser"; else
  t_fail "browser" "tests/web/browser_test.mjs failed; the server's stderr (last lines):"
  tail -20 "$tmp/serve.err"
fi
# The package builder, the tables beside the charts, why-no-deal, amend and
# trades (a browser of its own); it prints the builder's click latency.
mkdir -p "$tmp/dl"
[ "${PARLEY_SCREENSHOT:-0}" = 1 ] && export BUILDER_SHOT=$root/docs/img/builder.png
if node tests/web/builder_test.mjs "$url" "$parley" "$tmp/dl"; then t_ok "builder"; else
  t_fail "builder" "tests/web/builder_test.mjs failed; the server's stderr (last lines):"
  tail -20 "$tmp/serve.err"
fi
# Forecast settings, sensitivity, sweeps, export and the archive: each
# result the page shows equals the CLI's for the same input.
mkdir -p "$tmp/dl2"
[ "${PARLEY_SCREENSHOT:-0}" = 1 ] && export ANALYSES_SHOT=$root/docs/img
if node tests/web/analyses_test.mjs "$url" "$parley" "$tmp/runs.db" "$tmp/dl2"; then t_ok "analyses"; else
  t_fail "analyses" "tests/web/analyses_test.mjs failed; the server's stderr (last lines):"
  tail -20 "$tmp/serve.err"
fi
# The scenario editor: tree -> YAML -> the same numbers, located messages, undo.
mkdir -p "$tmp/dl3"
[ "${PARLEY_SCREENSHOT:-0}" = 1 ] && export EDITOR_SHOT=$root/docs/img/editor.png
if node --no-warnings tests/web/editor_test.mjs "$url" "$parley" "$tmp/dl3"; then t_ok "editor"; else
  t_fail "editor" "tests/web/editor_test.mjs failed; the server's stderr (last lines):"
  tail -20 "$tmp/serve.err"
fi
t_done
