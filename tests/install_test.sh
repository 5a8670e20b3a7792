#!/usr/bin/env bash
# install_test.sh BUILD ROOT — installs the build into a temporary prefix
# and builds a consumer against it with pkg-config, shared and static.
set -eu
build=$1 root=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
export PKG_CONFIG_PATH=$tmp/prefix/lib/pkgconfig
cc=${CC:-cc}
# shellcheck disable=SC2046
$cc -std=c11 -Wall -Werror "$root/tests/install/consumer.c" $(pkg-config --cflags --libs parley) -o "$tmp/shared"
# shellcheck disable=SC2046
$cc -std=c11 "$root/tests/install/consumer.c" $(pkg-config --cflags parley) "$tmp/prefix/lib/libparley.a" \
  $(pkg-config --libs-only-l --static parley | sed 's/-lparley//') -o "$tmp/static"
out1=$(LD_LIBRARY_PATH=$tmp/prefix/lib "$tmp/shared" "$root/examples/ukraine-2025.yaml")
out2=$("$tmp/static" "$root/examples/ukraine-2025.yaml")
echo "$out1"
[ "$out1" = "$out2" ] && echo "$out1" | grep -q "UKR utility 0.247 verdict reject"
