#!/usr/bin/env bash
# install_test.sh BUILD ROOT — installs the build into a temporary prefix
# and builds a consumer against it with pkg-config, shared and static.
set -u
build=$1 root=$2
. "$root/tests/lib.sh"
tmp=$T_TMP
t_expect_rc 0 "cmake --install" cmake --install "$build" --prefix "$tmp/prefix" || t_done
export PKG_CONFIG_PATH=$tmp/prefix/lib/pkgconfig
cc=${CC:-cc}
# shellcheck disable=SC2046
t_expect_rc 0 "build against the shared library" \
  $cc -std=c11 -Wall -Werror "$root/tests/install/consumer.c" $(pkg-config --cflags --libs parley) -o "$tmp/shared"
# shellcheck disable=SC2046
t_expect_rc 0 "build against the static library" \
  $cc -std=c11 "$root/tests/install/consumer.c" $(pkg-config --cflags parley) "$tmp/prefix/lib/libparley.a" \
  $(pkg-config --libs-only-l --static parley | sed 's/-lparley//') -o "$tmp/static"
out1=$(LD_LIBRARY_PATH=$tmp/prefix/lib "$tmp/shared" "$root/examples/ukraine-2025.yaml")
out2=$("$tmp/static" "$root/examples/ukraine-2025.yaml")
echo "$out1"
t_expect_eq "static and shared print the same" "$out2" "$out1"
t_check "the consumer's line" grep -q "UKR utility 0.220 verdict reject" <<<"$out1"
# The installed program finds its page and chart libraries in
# PREFIX/share/parley, from any folder (no checkout, no npm ci there).
t_check "the page is installed" test -f "$tmp/prefix/share/parley/web/index.html"
if [ -f "$root/node_modules/vega/build/vega.min.js" ]; then
  mkdir -p "$tmp/elsewhere"
  (cd "$tmp/elsewhere" && LD_LIBRARY_PATH=$tmp/prefix/lib "$tmp/prefix/bin/parley" report \
      "$root/examples/ukraine-2025.yaml" -o report.html) >"$tmp/out" 2>"$tmp/err"
  rc=$?
  t_expect_eq "installed parley report: exit 0 ($(head -1 "$tmp/err"))" "$rc" 0
  t_check "installed parley report: the charts' libraries are inside" grep -q vegaEmbed "$tmp/elsewhere/report.html"
else
  t_skip "installed parley report" "no node_modules/vega in $root ('npm ci')"
fi
t_done
