#!/usr/bin/env bash
# Builds the .deb with CPack from the build folder into a temporary folder and
# checks its control fields (name, version, section, a Depends computed by
# dpkg-shlibdeps that names Qt 6, QCustomPlot, oneDNN, protobuf and LMDB) and its
# contents. Exits 77 (ctest: skipped) when dpkg-shlibdeps or dpkg-deb is missing.
# usage: check_deb.sh BUILD_DIR PROJECT_VERSION WITH_UI(ON|OFF)
set -euo pipefail
build=$1 version=$2 with_ui=$3

for tool in dpkg-shlibdeps dpkg-deb; do
  command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool not installed (Debian package dpkg-dev)"; exit 77; }
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/out" >"$tmp/cpack.log" 2>&1 || { cat "$tmp/cpack.log"; exit 1; }
debs=("$tmp"/out/crema_*.deb)
[ -f "${debs[0]}" ] || { cat "$tmp/cpack.log"; echo "FAIL: cpack wrote no crema_*.deb"; exit 1; }
deb=${debs[0]}
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"
dpkg-deb -I "$deb" | tee "$tmp/info"
dpkg-deb -c "$deb" | awk '{print $6}' | tee "$tmp/contents"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = crema ] && ok "Package: crema" || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] && ok "Version: $version" || fail "Version: $(field Version), expected $version"
[ "$(field Section)" = science ] && ok "Section: science" || fail "Section: $(field Section)"
[ -n "$(field Maintainer)" ] && ok "Maintainer set" || fail "no Maintainer"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] && ok "Architecture: $(field Architecture)" \
  || fail "Architecture: $(field Architecture)"

if [ "$with_ui" = ON ]; then
  field Recommends | grep -q qt6-translations-l10n && ok "Recommends qt6-translations-l10n" \
    || fail "Recommends: $(field Recommends)"
fi

depends=$(field Depends)
need=(libc6 libstdc++6 libdnnl libprotobuf liblmdb0 libgomp1)
[ "$with_ui" = ON ] && need+=(libqt6widgets6 libqt6core6 libqcustomplot)
for lib in "${need[@]}"; do
  echo ", $depends" | grep -Fq ", $lib" && ok "Depends names $lib" || fail "Depends lacks $lib: $depends"
done
# Computed, so with versions (>= ...) from the shlibs/symbols files, and no build-only packages.
echo "$depends" | grep -q "(>= " && ok "Depends has version constraints" || fail "Depends has no versions: $depends"
echo "$depends" | grep -Eq -- "-dev( |,|$)" && fail "Depends names a -dev package: $depends"

want=(./usr/bin/crema-cli ./usr/share/crema/examples/lenet/lenet_train_test.prototxt
      ./usr/share/crema/examples/lenet/lenet_solver.prototxt)
[ "$with_ui" = ON ] && want+=(./usr/bin/crema ./usr/share/applications/crema.desktop
                             ./usr/share/icons/hicolor/128x128/apps/crema.png ./usr/share/mime/packages/crema.xml
                             ./usr/share/metainfo/crema.metainfo.xml)
for f in "${want[@]}"; do
  grep -qx -- "$f" "$tmp/contents" && ok "contains $f" || fail "missing $f"
done
# Everything under /usr, nothing from the tests or the build tree.
grep -v -e '^\./$' -e '^\./usr/' "$tmp/contents" && fail "files outside /usr"
grep -E "_tests$|gtest" "$tmp/contents" && fail "test files in the package"

if [ $fails -gt 0 ]; then
  echo "$fails check(s) failed"
  exit 1
fi
echo "all .deb checks passed"
