#!/usr/bin/env bash
# output_files_test.sh PARLEY ROOT — `-o PATH` and the file system (README,
# "Output files"): a regular file is replaced atomically and keeps its mode;
# a symbolic link is followed and stays a link; a character device or a FIFO
# is written through and stays what it was; a folder or a link leading
# nowhere is refused (exit 3) with nothing written; `-o` naming an input
# (by any name: itself, ./name, a link, a hard link) is refused (exit 2)
# before anything runs, and the input is unchanged.
set -u
parley=$1 root=$2
. "$root/tests/lib.sh"
tmp=$T_TMP
cp "$root/examples/ukraine-2025.yaml" "$tmp/in.yaml"
in=$tmp/in.yaml
sum() { sha256sum "$1" | cut -d' ' -f1; }
want=$("$parley" eval "$in" --format json)
in_sum=$(sum "$in")

# A regular file: replaced whole, its mode kept, no temporary file left.
echo old >"$tmp/r.json"
chmod 600 "$tmp/r.json"
t_expect_rc 0 "-o a regular file" "$parley" eval "$in" --format json -o "$tmp/r.json"
t_expect_empty out
t_expect_eq "its content" "$(cat "$tmp/r.json")" "$want"
t_expect_eq "its mode kept" "$(stat -c %a "$tmp/r.json")" 600
t_expect_eq "no temporary file" "$(ls "$tmp" | grep -c '\.tmp\.')" 0

# A symbolic link: the file it leads to is written, the link stays a link
# (relative targets resolve from the link's folder).
mkdir "$tmp/sub"
echo old >"$tmp/sub/target.json"
ln -s sub/target.json "$tmp/link.json"
t_expect_rc 0 "-o a symbolic link" "$parley" eval "$in" --format json -o "$tmp/link.json"
t_check "the link is still a link" test -L "$tmp/link.json"
t_expect_eq "the link still leads to its target" "$(readlink "$tmp/link.json")" sub/target.json
t_expect_eq "the target written" "$(cat "$tmp/sub/target.json")" "$want"
t_expect_eq "no temporary file beside the target" "$(ls "$tmp/sub" | grep -c '\.tmp\.')" 0
ln -s link.json "$tmp/link2.json"
echo old >"$tmp/sub/target.json"
t_expect_rc 0 "-o a link to a link" "$parley" eval "$in" --format json -o "$tmp/link2.json"
t_check "both links still links" test -L "$tmp/link2.json" -a -L "$tmp/link.json"
t_expect_eq "the last target written" "$(cat "$tmp/sub/target.json")" "$want"

# A link to a device: /dev/null through a temporary link stays /dev/null.
ln -s /dev/null "$tmp/null"
t_expect_rc 0 "-o a link to /dev/null" "$parley" eval "$in" -o "$tmp/null"
t_check "the link is still a link" test -L "$tmp/null"
t_check "/dev/null is still a character device" test -c /dev/null
t_expect_eq "/dev/null reads empty" "$(wc -c </dev/null)" 0
t_expect_rc 0 "-o /dev/null" "$parley" eval "$in" -o /dev/null
t_check "/dev/null is still a character device" test -c /dev/null
# /dev/stdout on a pipe leads to a FIFO with no path: written through.
t_run sh -c "'$parley' eval '$in' --format json -o /dev/stdout | cat"
t_expect_eq "-o /dev/stdout on a pipe" "$(cat "$T_TMP/out")" "$want"
t_expect_rc 0 "-o -" "$parley" eval "$in" --format json -o -
t_expect_eq "-o - is standard output" "$(cat "$T_TMP/out")" "$want"

# A FIFO: written through to its reader, and still a FIFO afterwards.
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
t_expect_rc 0 "-o a FIFO" "$parley" eval "$in" --format json -o "$tmp/fifo"
wait "$reader"
t_check "the FIFO is still a FIFO" test -p "$tmp/fifo"
t_expect_eq "the reader got the result" "$(cat "$tmp/fifo.out")" "$want"

# Refused, nothing written, exit 3 (a write that failed).
ln -s "$tmp/nowhere/x.json" "$tmp/dangling"
t_expect_rc 3 "-o a link leading nowhere" "$parley" eval "$in" -o "$tmp/dangling"
t_expect_contains err "leads to no file"
t_expect_empty out
t_check "the link untouched" test -L "$tmp/dangling" -a ! -e "$tmp/nowhere"
t_expect_rc 3 "-o a folder" "$parley" eval "$in" -o "$tmp/sub"
t_expect_contains err "a folder, not a file"
t_check "the folder is still a folder" test -d "$tmp/sub"
ln -s sub "$tmp/dirlink"
t_expect_rc 3 "-o a link to a folder" "$parley" eval "$in" -o "$tmp/dirlink"
t_check "the link is still a link" test -L "$tmp/dirlink"
t_expect_eq "nothing left in the folder" "$(ls "$tmp/sub")" target.json

# -o naming the input, by any name: refused before running, exit 2.
ln -s in.yaml "$tmp/in-link.yaml"
ln "$in" "$tmp/in-hard.yaml"
for o in "$in" "$tmp/./in.yaml" "$tmp/in-link.yaml" "$tmp/in-hard.yaml"; do
  t_expect_rc 2 "-o the input as ${o#"$tmp"/}" "$parley" eval "$in" -o "$o"
  t_expect_contains err "is the input"
  t_expect_empty out
done
abs=$(cd "$(dirname "$parley")" && pwd)/$(basename "$parley")
t_expect_rc 2 "-o ./in.yaml from its folder" sh -c "cd '$tmp' && exec '$abs' eval in.yaml -o ./in.yaml"
t_expect_eq "the input unchanged" "$(sum "$in")" "$in_sum"
t_check "the link to it still a link" test -L "$tmp/in-link.yaml"
t_expect_rc 2 "-o the input of check" "$parley" check "$in" --format json -o "$in"
t_expect_rc 2 "-o the input of import" "$parley" import actors "$root/tests/data/mc/small.yaml" \
  -o "$root/tests/data/mc/small.yaml"
t_expect_eq "the input unchanged" "$(sum "$in")" "$in_sum"

t_done
