#!/usr/bin/env bash
# web_yamledit_test.sh PARLEY ROOT — the scenario editor's minimal-edit
# writer (web/yamledit.js) and id renames (web/rename.js) without a browser:
# starts `parley serve --port 0` for the trees (POST /api/tree) and runs
# tests/web/yamledit_test.mjs on both examples (byte-identical when
# unchanged; a BATNA, an actor and a proposal edited: exactly those lines
# changed, the same numbers as the whole rewrite; renames: `parley check`
# passes and eval/simulate give the file's numbers with the ids mapped).
# Exits 77 (skipped) only when node is absent.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
if ! command -v node >/dev/null; then t_skip yamledit "no node (apt-get install nodejs)"; t_done; fi
tmp=$T_TMP
if ! t_serve "$parley" --root "$root" --quiet; then t_fail "server" "did not start: $(cat "$tmp/serve.err")"; t_done; fi
cd "$root" || exit 1
if node --no-warnings tests/web/yamledit_test.mjs "$url" "$parley" "$tmp"; then t_ok "yamledit.js and rename.js"; else
  t_fail "yamledit.js and rename.js" "tests/web/yamledit_test.mjs failed"
fi
t_done
