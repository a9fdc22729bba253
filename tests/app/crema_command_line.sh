#!/bin/sh
# The desktop app's command line without a display: --help and --version work, a
# usage error says which option, and a normal start explains why no window can open
# (instead of Qt's platform-plugin abort). Usage: crema_command_line.sh path/to/crema VERSION
set -u
APP=$1 VERSION=$2
fail() { echo "FAIL: $*"; exit 1; }
run() { env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$APP" "$@" > out.txt 2>&1; echo $?; }
TMP=$(mktemp -d) && cd "$TMP" || exit 1
trap 'rm -rf "$TMP"' EXIT
[ "$(run --version)" = 0 ] || fail "--version"
[ "$(cat out.txt)" = "crema $VERSION" ] || fail "--version printed '$(cat out.txt)', not 'crema $VERSION'"
[ "$(run --help)" = 0 ] || fail "--help"; grep -q -- '--data-dir' out.txt || fail "--help lists no --data-dir"
[ "$(run --bogus)" = 2 ] || fail "--bogus exit code: $(cat out.txt)"; grep -q 'bogus' out.txt || fail "--bogus not named: $(cat out.txt)"
[ "$(run)" = 1 ] || fail "no display: exit code $(cat out.txt)"; grep -q 'no display' out.txt || fail "no display message: $(cat out.txt)"
grep -q 'crema-cli' out.txt || fail "no hint at crema-cli"
echo "PASS"
