#!/usr/bin/env bash
# serve_test.sh PARLEY ROOT — the JSON API over real HTTP: starts
# `parley serve --port 0`, replays tests/golden-http/*.req with curl and
# compares status and body with the .out files (UPDATE_GOLDEN=1 rewrites
# them), checks that results equal the CLI's --format json, the error
# statuses, path traversal, the body limit, the Host check, a montecarlo
# job's progress and cancel, the run archive (--db) on a third server, the
# time and job limits on a second server, and a clean stop on SIGTERM.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
gold=$root/tests/golden-http
ex=$root/examples/ukraine-2025.yaml
tmp=$T_TMP
pids=()
t_on_exit 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done'

# start NAME ARGS...: starts a server, sets $url and $pid (waits up to 20 s).
start() {
  local name=$1; shift
  "$parley" serve --port 0 --root "$root" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 200); do
    url=$(sed -n 's|.*listening on \(http://[^ ]*\)/ .*|\1|p' "$tmp/$name.out")
    [ -n "$url" ] && return 0
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  t_fail "server $name" "did not start: $(cat "$tmp/$name.err")"
  t_done
}

# req METHOD PATH [TYPE FILE] [curl args...]: status in $tmp/status, body in $tmp/body.
req() {
  local method=$1 path=$2; shift 2
  local args=(-s -o "$tmp/body" -w '%{http_code}' -X "$method" --max-time 60)
  if [ $# -ge 2 ] && [ "${1#-}" = "$1" ]; then
    args+=(-H "Content-Type: $1" --data-binary "@$2"); shift 2
  fi
  curl "${args[@]}" "$@" "$url$path" >"$tmp/status" 2>"$tmp/curl.err"
}
status_is() { # WANT NAME: the last response's status
  t_expect_eq "$2: status" "$(cat "$tmp/status")" "$1" || { head -c 400 "$tmp/body"; echo; }
}
error_json() { # NAME: the body is {"error": {"status": N, "message": ...}} with N the status
  t_check "$1: a JSON error body" python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["error"]; assert e["status"]==int(sys.argv[2]) and e["message"]' \
    "$tmp/body" "$(cat "$tmp/status")"
}

# A time limit well past the named job's 100,000 samples (cancelled below):
# under ASan the Ukraine example's pace would otherwise stop it early.
start main --time-limit 7200 --queue-wait 120 --max-threads 2
cd "$root" || exit 1

# ---- golden requests: NAME.req is "METHOD PATH [TYPE FILE]" (FILE from the root)
for r in "$gold"/*.req; do
  name=$(basename "$r" .req)
  read -r method path type file <"$r"
  if [ -n "${type:-}" ]; then req "$method" "$path" "$type" "$file"; else req "$method" "$path"; fi
  { echo "HTTP $(cat "$tmp/status")"; cat "$tmp/body"; } >"$tmp/got"
  if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/got" "$gold/$name.out"; fi
  t_expect_same "golden-http/$name" "$gold/$name.out" "$tmp/got"
done

# ---- the API's result is the CLI's --format json
same_as_cli() { # what PATH CLI-ARGS...
  local what=$1 path=$2; shift 2
  req POST "$path" application/yaml "$ex"
  "$parley" "$@" --format json >"$tmp/cli.json"
  t_check "$what: API result is 'parley $*'" python3 - "$tmp/body" "$tmp/cli.json" "${CHARTS:-1}" <<'EOF'
import json, sys
api, cli = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert api["result"] == cli, "result differs from the CLI's"
assert api["charts"] if sys.argv[3] == "1" else api["charts"] == {}, "charts: %s" % list(api["charts"])
for name, spec in api["charts"].items():
    assert spec["$schema"].endswith("vega-lite/v5.json"), name
    assert spec["data"]["values"], name + ": no data"
EOF
}
q=name=examples/ukraine-2025.yaml
same_as_cli eval "/api/eval?$q" eval examples/ukraine-2025.yaml
same_as_cli "eval one" "/api/eval?$q&proposal=e3-counter" eval examples/ukraine-2025.yaml --proposal e3-counter
same_as_cli space "/api/space?$q&drop-red-lines=all&limit=20" space examples/ukraine-2025.yaml --drop-red-lines all --limit 20
same_as_cli forecast "/api/forecast?$q&trace=1" forecast examples/ukraine-2025.yaml --trace
same_as_cli "forecast eum" "/api/forecast?$q&model=eum&q=0.5" forecast examples/ukraine-2025.yaml --model eum --q 0.5
same_as_cli simulate "/api/simulate?$q" simulate examples/ukraine-2025.yaml
same_as_cli "simulate what-if" "/api/simulate?$q&without=walk-away&protocol=alternating&horizon=9" \
  simulate examples/ukraine-2025.yaml --without walk-away --protocol alternating --horizon 9
same_as_cli "simulate join" "/api/simulate?$q&join=EU,E3&meeting=plenary" \
  simulate examples/ukraine-2025.yaml --join EU,E3 --meeting plenary
same_as_cli montecarlo "/api/montecarlo?$q&n=300&seed=3&without=walk-away" \
  montecarlo examples/ukraine-2025.yaml -n 300 --seed 3 --without walk-away
same_as_cli "montecarlo space" "/api/montecarlo?$q&n=50&what=space" \
  montecarlo examples/ukraine-2025.yaml -n 50 --what space
same_as_cli "montecarlo on 2 threads" "/api/montecarlo?$q&n=300&seed=3&threads=2" \
  montecarlo examples/ukraine-2025.yaml -n 300 --seed 3 --threads 2
# amend and trades have no charts (the page draws their tables itself)
CHARTS=0 same_as_cli amend "/api/amend?$q&proposal=us-28-point" amend examples/ukraine-2025.yaml --proposal us-28-point
CHARTS=0 same_as_cli "amend limit" "/api/amend?$q&proposal=e3-counter&limit=3&drop-red-lines=all" \
  amend examples/ukraine-2025.yaml --proposal e3-counter --limit 3 --drop-red-lines all
CHARTS=0 same_as_cli trades "/api/trades?$q" trades examples/ukraine-2025.yaml
CHARTS=0 same_as_cli "trades one, all" "/api/trades?$q&proposal=us-28-point&all=1&limit=0" \
  trades examples/ukraine-2025.yaml --proposal us-28-point --all --limit 0

# sensitivity and sweep: the CLI's JSON (the page draws the tornado, the lines and the heat map)
CHARTS=0 same_as_cli sensitivity "/api/sensitivity?$q&samples=60&seed=4" \
  sensitivity examples/ukraine-2025.yaml -n 60 --seed 4
CHARTS=0 same_as_cli "sensitivity surplus" "/api/sensitivity?$q&samples=30&metric=surplus:UKR&low=0.1&high=0.9&resamples=50&threads=2" \
  sensitivity examples/ukraine-2025.yaml -n 30 --metric surplus:UKR --low 0.1 --high 0.9 --resamples 50
CHARTS=0 same_as_cli "sweep eval grid" "/api/sweep?$q&set=actors.RUS.batna=0.3..0.6:0.1&set=actors.UKR.batna=0.3..0.5:0.1" \
  sweep examples/ukraine-2025.yaml --set actors.RUS.batna=0.3..0.6:0.1 --set actors.UKR.batna=0.3..0.5:0.1
CHARTS=0 same_as_cli "sweep eval proposal, fixed set" "/api/sweep?$q&set=actors.EU.batna=0.2&set=actors.RUS.batna=0.3..0.7:0.2&proposal=e3-counter" \
  sweep examples/ukraine-2025.yaml --set actors.EU.batna=0.2 --set actors.RUS.batna=0.3..0.7:0.2 --proposal e3-counter
CHARTS=0 same_as_cli "sweep montecarlo" "/api/sweep?$q&set=actors.UKR.batna=0.3..0.5:0.1&what=montecarlo&samples=30&seed=5" \
  sweep examples/ukraine-2025.yaml --set actors.UKR.batna=0.3..0.5:0.1 --what montecarlo -n 30 --seed 5

# ---- one option table: every synonym and option the CLI takes works in the API too
same_as_cli "forecast smp-salience" "/api/forecast?$q&model=compromise&smp-salience=normalise" \
  forecast examples/ukraine-2025.yaml --model compromise --smp-salience normalise
same_as_cli "eval set" "/api/eval?$q&set=actors.UKR.batna=0.2&set=actors.EU.batna=0.1" \
  eval examples/ukraine-2025.yaml --set actors.UKR.batna=0.2 --set actors.EU.batna=0.1
same_as_cli "space set" "/api/space?$q&set=actors.UKR.batna=0.1&limit=20" \
  space examples/ukraine-2025.yaml --set actors.UKR.batna=0.1 --limit 20
same_as_cli "simulate seed" "/api/simulate?$q&seed=0" simulate examples/ukraine-2025.yaml --seed 0
same_as_cli "montecarlo samples" "/api/montecarlo?$q&samples=40&seed=2" \
  montecarlo examples/ukraine-2025.yaml -n 40 --seed 2
req POST "/api/forecast?$q&seed=abc" application/yaml "$ex"
status_is 400 "seed=abc"
t_expect_contains "$tmp/body" "parameter 'seed' must be a whole number from 0 to 2^64-1, got 'abc'"
t_expect_lacks "$tmp/body" "--seed"
req POST "/api/space?$q&grid=1" application/yaml "$ex"
status_is 400 "grid=1"
t_expect_contains "$tmp/body" "parameter 'grid' must be a whole number from 2 to 1000, got '1'"
req POST "/api/simulate?$q&set=actors.UKR.batna=1.7" application/yaml "$ex"
status_is 400 "set out of range"
t_expect_contains "$tmp/body" "set actors.UKR.batna=1.7: actor 'UKR': batna must be in [0,1]"
# GET /api/options: the page's controls, from the same tables as `parley help`.
req GET /api/options
status_is 200 "options"
t_check "options: every endpoint, the page's controls, this server's caps" python3 - "$tmp/body" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
c = d["options"]["commands"]
assert set(c) == {"eval", "space", "forecast", "simulate", "montecarlo", "amend", "trades",
                  "sensitivity", "sweep"}, sorted(c)
assert c["sweep"]["endpoint"] == "/api/sweep" and "progress" not in [p["name"] for p in c["sweep"]["parameters"]]
assert c["amend"]["endpoint"] == "/api/amend" and c["trades"]["endpoint"] == "/api/trades"
names = {k: [p["name"] for p in v["parameters"]] for k, v in c.items()}
assert "set" in names["eval"] and "smp-salience" in names["forecast"], names
sim = {p["name"]: p for p in c["simulate"]["parameters"]}
assert sim["protocol"]["words"] == ["alternating", "mediated"] and sim["protocol"]["page"]
assert sim["horizon"]["min"] == 1 and sim["horizon"]["type"] == "whole"
mc = {p["name"]: p for p in c["montecarlo"]["parameters"]}
assert mc["what"]["words"] == ["simulate", "forecast", "space"] and mc["samples"]["page"]
assert "format" not in mc and "db" not in mc, "CLI-only options are not API parameters"
assert d["limits"]["max_threads"] == 2, d["limits"]
EOF

# ---- a named montecarlo job: progress while it runs, then cancelled
curl -s -o "$tmp/job.body" -w '%{http_code}' -H 'Content-Type: application/yaml' \
  --data-binary "@$ex" "$url/api/montecarlo?n=100000&job=t-1" >"$tmp/job.status" &
jobpid=$!
seen=0
for _ in $(seq 100); do
  req GET /api/jobs/t-1
  if [ "$(cat "$tmp/status")" = 200 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["state"]=="running" and d["total"]==100000 and d["done"]>0' "$tmp/body" 2>/dev/null; then
    seen=1; break; fi
  sleep 0.1
done
t_expect_eq "job progress seen" "$seen" 1 || cat "$tmp/body"
req POST /api/montecarlo?job=t-1 application/yaml "$ex"
status_is 409 "a job id in use"
req DELETE /api/jobs/t-1
status_is 200 "cancel"
wait "$jobpid"
t_expect_eq "the cancelled request: status" "$(cat "$tmp/job.status")" 409
t_expect_contains "$tmp/job.body" cancelled
req GET /api/jobs/t-1
status_is 404 "a finished job is gone"
error_json "job 404"
req DELETE /api/jobs/t-1
status_is 404 "cancel of no job"
req GET '/api/jobs/bad%20id'
status_is 404 "a malformed job id"
req POST "/api/montecarlo?job=bad%20id" application/yaml "$ex"
status_is 400 "a malformed job id"
req POST /api/jobs/x application/yaml "$ex"
status_is 405 "POST to a job"

# ---- the run archive: without --db a clear error; with it every analysis is stored
for p in /api/runs /api/runs/1 /api/runs/1/diff/2; do
  req GET "$p"
  status_is 409 "$p without --db"
  error_json "$p 409"
done
main_url=$url
start archive --db "$tmp/runs.db" --time-limit 120 --queue-wait 120
archive_url=$url
req POST "/api/eval?$q" application/yaml "$ex" -D "$tmp/headers"
status_is 200 "archived eval"
t_check "an X-Parley-Run header" grep -qi '^X-Parley-Run: 1' "$tmp/headers"
req POST "/api/simulate?$q&without=walk-away" application/yaml "$ex"
req POST "/api/simulate?$q&without=walk-away&protocol=alternating" application/yaml "$ex"
req POST "/api/simulate?protocol=bogus" application/yaml "$ex"
status_is 400 "archived failure"
req POST "/api/model?$q" application/yaml "$ex" -D "$tmp/headers"
status_is 200 "model with an archive"
t_check "the builder's model is not an analysis: not archived" bash -c "! grep -qi '^X-Parley-Run' '$tmp/headers'"
req GET /api/runs
status_is 200 "runs list"
t_check "runs list: $(head -c 300 "$tmp/body")" python3 - "$tmp/body" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["count"] == 4 and [r["command"] for r in d["runs"]] == ["eval", "simulate", "simulate", "simulate"]
assert d["runs"][1]["parameters"] == {"name": "examples/ukraine-2025.yaml", "without": "walk-away"}
assert [r["exit_status"] for r in d["runs"]] == [0, 0, 0, 1]
assert d["runs"][0]["scenario"]["id"] == "ukraine-2025"
EOF2
req GET "/api/runs?limit=2"
t_check "runs limit" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [r["id"] for r in d["runs"]]==[3,4]' "$tmp/body"
req GET /api/runs/2
status_is 200 "one run"
"$parley" simulate "$ex" --without walk-away --format json >"$tmp/cli.json"
t_check "the stored run's result is the CLI's" python3 - "$tmp/body" "$tmp/cli.json" <<'EOF2'
import json, sys
d, cli = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
cli["scenario"]["file"] = "examples/ukraine-2025.yaml"
assert d["id"] == 2 and d["command"] == "simulate" and d["result"] == cli
EOF2
req GET "/api/runs/2?scenario=1"
t_check "the stored scenario text" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["scenario"]["text"]==open(sys.argv[2]).read()' "$tmp/body" "$ex"
req GET /api/runs/2/diff/3
status_is 200 "diff"
t_check "diff: $(head -c 300 "$tmp/body")" python3 - "$tmp/body" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["a"] == 2 and d["b"] == 3
assert d["parameters"] == [{"kind": "added", "path": "$.protocol", "old": None, "new": "alternating"}]
assert {"kind": "changed", "path": "$.parameters.protocol", "old": "mediated", "new": "alternating"} in d["result"]
EOF2
req GET "/api/runs/diff?a=2&b=3"
status_is 200 "diff, query form"
req GET /api/runs/99
status_is 404 "no such run"
error_json "run 404"
req GET /api/runs/2/diff/99
status_is 404 "diff with no such run"
error_json "diff 404"
req GET /api/runs/abc
status_is 404 "a malformed run id"
req GET "/api/runs?limit=0"
status_is 400 "a bad limit"
t_expect_rc 0 "parley runs list on the server's archive" "$parley" runs list --db "$tmp/runs.db"
t_expect_eq "parley runs list on the server's archive: simulate runs" "$(grep -c simulate "$tmp/out")" 3
url=$main_url

# ---- examples and static files
req GET /api/examples/ukraine-2025
status_is 200 "example by name"
t_expect_same "example body is the file" "$ex" "$tmp/body"
req GET /api/examples/ukraine-2025.yaml
status_is 200 "example by file name"
req GET /
status_is 200 "index"
t_expect_contains "$tmp/body" '<html'
req HEAD /api/health -I
status_is 200 "HEAD"

# ---- errors: status and a JSON body
for case in "405 GET /api/eval" "405 PUT /api/examples" "405 DELETE /" "404 GET /api/nothing" \
            "404 GET /api/examples/nope" "404 GET /nope.html" "404 GET /vendor/nope.js"; do
  read -r want method path <<<"$case"
  req "$method" "$path"
  status_is "$want" "$method $path"
  error_json "$method $path"
done
req POST /api/eval text/html "$ex"
status_is 415 "content type"
error_json "415"
printf 'actors: [' >"$tmp/bad.yaml"
req POST /api/eval application/yaml "$tmp/bad.yaml"
status_is 400 "malformed YAML"
error_json "400"
t_expect_contains "$tmp/body" 'scenario:' # the YAML error is located
req POST "/api/space?grid=1" application/yaml "$ex"
status_is 400 "bad option"
error_json "400 option"
req POST "/api/space?x=NOPE" application/yaml "$ex"
status_is 400 "unknown chart actor"
req POST "/api/forecast?trace=maybe" application/yaml "$ex"
status_is 400 "bad flag"
req POST "/api/space?max-memory=100" application/yaml "$ex"
status_is 400 "max-memory above the cap"
qs=$(for k in $(seq 40); do printf 'a%d=1&' "$k"; done)
req POST "/api/eval?$qs" application/yaml "$ex"
status_is 400 "too many parameters"

# ---- no path traversal (curl would normalise the dots: --path-as-is)
for p in "/../../../etc/passwd" "/web/../../etc/passwd" "/%2e%2e/%2e%2e/etc/passwd" \
         "/..%2f..%2fetc%2fpasswd" "/.hidden" "/vendor/../../etc/passwd" \
         "/api/examples/..%2f..%2fetc%2fpasswd" "/api/examples/../CMakeLists.txt" \
         "/api/examples/.%2e/README.md" "/index.html/../../etc/passwd"; do
  req GET "$p" --path-as-is
  status_is 404 "traversal $p"
  t_expect_lacks "$tmp/body" 'root:'
done
ln -s /etc "$root/web/.test-link-$$" 2>/dev/null && {
  req GET "/.test-link-$$/passwd"
  status_is 404 "symlink out of web/"
  rm -f "$root/web/.test-link-$$"; }

# ---- the body limit, with and without Content-Length
head -c 1100000 /dev/zero | tr '\0' 'a' >"$tmp/big"
req POST /api/eval application/yaml "$tmp/big"
status_is 413 "body over the limit"
error_json 413
req POST /api/eval application/yaml "$tmp/big" -H 'Transfer-Encoding: chunked'
status_is 413 "chunked body over the limit"

# ---- the Host check (DNS rebinding)
req GET /api/health -H 'Host: attacker.example'
status_is 403 "foreign Host"
req GET /api/health -H 'Host: localhost:1'
status_is 200 "localhost Host"

# ---- the server is still up and answers
req GET /api/health
status_is 200 "health after the errors"

# ---- time and job limits, on a second server
start limits --time-limit 0.5 --max-jobs 1 --queue-wait 0
slow="/api/space?grid=1000&drop-red-lines=all&budget=100000000000"
req POST "$slow" application/yaml "$ex"
status_is 503 "time limit"
error_json 503
t_expect_contains "$tmp/body" 'time limit'
curl -s -o /dev/null -H 'Content-Type: application/yaml' --data-binary "@$ex" "$url$slow" &
sleep 0.2
req POST /api/eval application/yaml "$ex"
status_is 503 "no free job slot"
t_expect_contains "$tmp/body" 'busy'
wait %% 2>/dev/null
req POST /api/eval application/yaml "$ex"
status_is 200 "a slot again after the limit"

# ---- a server that holds: cross-site requests, NUL bytes, header sizes, paths
url=$main_url
port=${url##*:}
req POST "/api/eval?$q" application/yaml "$ex" -H 'Origin: http://evil.example'
status_is 403 "a foreign Origin"
error_json "foreign Origin"
t_expect_contains "$tmp/body" 'another web site'
req POST "/api/eval?$q" application/yaml "$ex" -H 'Origin: null'
status_is 403 "Origin: null"
req POST "/api/eval?$q" application/yaml "$ex" -H 'Sec-Fetch-Site: cross-site'
status_is 403 "Sec-Fetch-Site: cross-site"
req POST "/api/eval?$q" application/yaml "$ex" -H 'Sec-Fetch-Site: same-site'
status_is 403 "Sec-Fetch-Site: same-site (another port of localhost)"
req DELETE /api/jobs/x -H 'Origin: http://evil.example'
status_is 403 "a cross-site DELETE"
req GET /api/runs -H 'Sec-Fetch-Site: cross-site'
status_is 403 "a cross-site GET of the API"
req POST "/api/eval?$q" application/yaml "$ex" -H "Origin: http://127.0.0.1:$port" -H 'Sec-Fetch-Site: same-origin'
status_is 200 "the page's own origin"
req GET / -H 'Sec-Fetch-Site: cross-site'
status_is 200 "a link from another site opens the page"
req POST "/api/eval?$q" text/plain "$ex"
status_is 415 "text/plain (a cross-site form or fetch can send it)"
error_json "text/plain"
curl -s -o "$tmp/body" -w '%{http_code}' --data-binary "@$ex" -H 'Content-Type:' "$url/api/eval" >"$tmp/status"
status_is 415 "no Content-Type"
req OPTIONS '' --request-target '*'
status_is 400 "a request target that is not a path (OPTIONS *)"
error_json "OPTIONS *"
req GET '/app.js%00../../etc/passwd' --path-as-is
status_is 400 "an encoded NUL in the path"
error_json "encoded NUL"
req GET '/api/examples/ukraine-2025%00.yaml'
status_is 400 "an encoded NUL in an example's name"
req GET '/api/runs?limit=1%00'
status_is 400 "an encoded NUL in the query"
python3 - "$port" >"$tmp/raw" <<'PY'
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(b"GET /app.js\x00../../etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
out = b""
while True:
    b = s.recv(65536)
    if not b:
        break
    out += b
sys.stdout.write(out.decode("utf-8", "replace"))
PY
t_expect_contains "$tmp/raw" 'HTTP/1.1 400'
t_expect_contains "$tmp/raw" 'NUL byte'
t_expect_lacks "$tmp/raw" 'Parley web application'
head -c 20000 /dev/zero | tr '\0' a >"$tmp/big-header"
printf 'X-Big: %s\r\n' "$(cat "$tmp/big-header")" >"$tmp/big-header.h"
req GET /api/health -H "@$tmp/big-header.h"
status_is 431 "20 kB of headers"
error_json "431"
url=$archive_url
for p in /api/runs/99 /api/runs/1/diff/99 "/api/runs/diff?a=99&b=1"; do
  req GET "$p"
  status_is 404 "$p on the archive"
  t_expect_lacks "$tmp/body" "$tmp" # the archive's path is the server's business
  t_expect_contains "$tmp/body" 'no run 99'
done
req POST "/api/eval?$q" application/yaml "$ex" -H 'Origin: http://evil.example'
req GET /api/runs
t_check "a refused cross-site request is not archived" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["count"]==4, d["count"]' "$tmp/body"
sed -e 's/batna: {value: 0.4, source: "Illustrative: walking away/batna: {value: 0.5, source: "Illustrative: walking away/' \
    "$ex" >"$tmp/variant.yaml"
req POST "/api/eval?$q" application/yaml "$tmp/variant.yaml"
req GET /api/runs/1/diff/5
status_is 200 "diff of a base and a variant"
t_check "the scenario change in words: $(head -c 300 "$tmp/body")" python3 - "$tmp/body" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["scenario"] == [{"path": "actors.USA.batna", "change": "0.4 -> 0.5", "words": "USA's BATNA 0.4 -> 0.5"}], d["scenario"]
assert d["scenario_differences"] == 1
EOF2
req GET /api/runs/2/diff/3
t_check "the same scenario: no change in words" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["scenario"]==[] and d["scenario_differences"]==0, d["scenario"]' "$tmp/body"
if command -v sqlite3 >/dev/null; then # a row changed behind the server's back
  sqlite3 "$tmp/runs.db" "PRAGMA ignore_check_constraints = 1; UPDATE runs SET result = '{' WHERE id = 5"
  for p in /api/runs/5 /api/runs/1/diff/5; do
    req GET "$p"
    status_is 500 "$p, a damaged row"
    error_json "$p, a damaged row"
    t_expect_contains "$tmp/body" 'run 5 is damaged: its result is not valid JSON'
    t_expect_lacks "$tmp/body" "$tmp"
  done
fi
url=$main_url

# ---- the Monte Carlo size against the time limit: an estimate before, and a
# run that cannot finish stopped early with the estimate
req POST "/api/montecarlo/estimate?$q&n=1000000" application/yaml "$ex"
status_is 200 "montecarlo estimate"
t_check "estimate: $(head -c 300 "$tmp/body")" python3 - "$tmp/body" <<'EOF2'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["samples"] == 1000000 and d["time_limit"] == 7200, d
assert d["seconds"] > 0 and isinstance(d["fits"], bool) and 0 < d["max_samples"] <= 1000000, d
n0, n1 = d["calibration"]["samples"]
assert 0 < n0 < n1 < 1000000, d
EOF2
req POST "/api/montecarlo/estimate?$q&n=5" application/yaml "$ex"
t_check "estimate of 5 samples: one run" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["calibration"]["samples"]==[5,5] and d["fits"], d' "$tmp/body"
req POST "/api/montecarlo/estimate?$q&n=abc" application/yaml "$ex"
status_is 400 "estimate, a bad n"
t_expect_contains "$tmp/body" "parameter 'n'"
req POST "/api/montecarlo/estimate" application/yaml "$tmp/bad.yaml"
status_is 400 "estimate, a bad scenario"
req GET /api/montecarlo/estimate
status_is 405 "estimate takes POST"
start mc --time-limit 20
req POST "/api/montecarlo?$q&n=1000000" application/yaml "$ex"
status_is 503 "a Monte Carlo run that cannot finish in time"
t_expect_contains "$tmp/body" 'samples would take about'
t_expect_contains "$tmp/body" 'at most about'

# ---- slow clients: headers or a body trickling in are cut off
start slow --header-timeout 1 --body-timeout 1
port=${url##*:}
t_check "a connection sending its headers for more than --header-timeout is closed" \
  python3 - "$port" headers <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(b"GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
t0 = time.time()
for _ in range(40):          # a byte every 0.25 s: never idle, never done
    try:
        s.sendall(b"a")
    except OSError:
        break
    s.settimeout(0.25)
    try:
        if s.recv(100) == b"":
            break
    except socket.timeout:
        pass
    except OSError:
        break
else:
    sys.exit("still open after 10 s")
assert time.time() - t0 < 8, time.time() - t0
PY
t_check "a connection sending its body for more than --body-timeout is closed" \
  python3 - "$port" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.sendall(b"POST /api/eval HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/yaml\r\n"
          b"Content-Length: 1000\r\n\r\nid: x\n")
s.settimeout(10)
t0 = time.time()
while s.recv(100) != b"":
    pass
assert time.time() - t0 < 8, time.time() - t0
PY
req GET /api/health
status_is 200 "the slow-client server still answers"
# --max-per-client applies off loopback: a third connection from one address is refused
addr=$(hostname -I 2>/dev/null | tr ' ' '\n' | grep -E '^[0-9]+(\.[0-9]+){3}$' | grep -v '^127\.' | head -1)
if [ -n "$addr" ]; then
  start remote --bind "$addr" --allow-remote --max-per-client 2
  t_check "a third connection from one address is closed (--max-per-client 2)" \
    python3 - "$addr" "${url##*:}" <<'PY'
import socket, sys
held = [socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5) for _ in range(2)]
for s in held:
    s.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")  # headers not finished: held
third = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=5)
third.sendall(b"GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n")
try:
    got = third.recv(100)
except ConnectionResetError:
    got = b""
assert got == b"", got
for s in held:
    s.sendall(b"\r\n")
    assert s.recv(12).startswith(b"HTTP/1.1 200"), "a held connection is answered"
PY
  t_expect_contains "$tmp/remote.err" 'WARNING'
  t_expect_lacks "$tmp/remote.err" 'Sanitizer'
else
  t_skip "--max-per-client" "no non-loopback IPv4 address"
fi

# ---- SIGTERM lets a running request finish; kill -9 takes the jobs along
start term --time-limit 3600
curl -s -o "$tmp/term.body" -w '%{http_code}' -H 'Content-Type: application/yaml' \
  --data-binary "@$ex" "$url/api/montecarlo?n=1000&job=term" >"$tmp/term.status" &
curlpid=$!
for _ in $(seq 100); do
  req GET /api/jobs/term
  [ "$(cat "$tmp/status")" = 200 ] && break
  sleep 0.05
done
kill -TERM "$pid"
wait "$curlpid"
t_expect_eq "the request running at SIGTERM: its status" "$(cat "$tmp/term.status")" 200
t_check "the request running at SIGTERM: its result" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["result"]["command"]=="montecarlo" and d["result"]["parameters"]["samples"]==1000, d["result"]["parameters"]' "$tmp/term.body"
wait "$pid"
t_expect_eq "exit code after SIGTERM with a request running" "$?" 0
t_expect_contains "$tmp/term.err" 'running requests finish'
pids=("${pids[@]/$pid}")
start orphan --time-limit 3600
curl -s -o /dev/null -H 'Content-Type: application/yaml' --data-binary "@$ex" \
  "$url/api/montecarlo?n=200000&job=orphan" &
curlpid=$!
child=
for _ in $(seq 100); do
  child=$(ps -o pid= --ppid "$pid" | tr -d ' ' | head -1)
  [ -n "$child" ] && break
  sleep 0.05
done
t_check "the analysis runs in a child" test -n "$child"
sleep 0.3
t_check "the child still runs just before the server is killed" kill -0 "$child"
kill -9 "$pid"
wait "$pid" 2>/dev/null
gone=0
for _ in $(seq 40); do
  kill -0 "$child" 2>/dev/null || { gone=1; break; }
  sleep 0.05
done
t_expect_eq "the analysis child dies with a killed server" "$gone" 1
wait "$curlpid" 2>/dev/null
pids=("${pids[@]/$pid}")
url=$main_url

# ---- refuses a non-loopback address without --allow-remote
t_expect_rc 1 "bind 0.0.0.0 without --allow-remote" "$parley" serve --port 0 --bind 0.0.0.0 --root "$root"
t_expect_contains err '--allow-remote'

# ---- SIGTERM stops both servers cleanly
for p in "${pids[@]}"; do
  [ -n "$p" ] || continue
  kill -TERM "$p"
  for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$p" 2>/dev/null; then t_fail "server $p" "still running after SIGTERM"
  else
    wait "$p"
    t_expect_eq "server $p: exit code after SIGTERM" "$?" 0
  fi
done
pids=()
t_expect_contains "$tmp/main.err" 'stopping'
for name in main archive limits mc slow term orphan; do # a sanitizer's report goes to the server's stderr
  t_expect_lacks "$tmp/$name.err" 'Sanitizer'
done

# ---- parley report: a whole file or none
if [ -d "$root/node_modules/vega" ]; then
  t_expect_rc 0 "report" "$parley" report "$ex" -o "$tmp/report.html" --root "$root"
  t_expect_contains "$tmp/report.html" 'charts-space'
  t_expect_contains "$tmp/report.html" 'vegaEmbed'
fi
echo keep >"$tmp/keep.html"
t_expect_rc 1 "report of a bad scenario" "$parley" report "$tmp/bad.yaml" -o "$tmp/keep.html" --root "$root"
t_expect_eq "report of a bad scenario leaves the file" "$(cat "$tmp/keep.html")" keep
mkdir -p "$tmp/empty/web" && : >"$tmp/empty/web/index.html"
t_expect_rc 1 "report without node_modules" "$parley" report "$ex" -o "$tmp/none.html" --root "$tmp/empty"
t_check "report without node_modules writes no file" test ! -e "$tmp/none.html"
t_expect_contains err "npm ci"

t_done
