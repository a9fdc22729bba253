#!/usr/bin/env bash
# Installs the build into a temporary DESTDIR (prefix /usr, as the .deb does) and
# checks the installed tree: the binaries run from there (--help, --version, a real
# engine call), nothing points back into the build tree, the desktop entry, MIME
# and AppStream files validate (when the validators are installed), the icon has the
# size its hicolor folder claims, and the examples are complete and parse.
# usage: check_install.sh BUILD_DIR SOURCE_DIR PROJECT_VERSION WITH_UI(ON|OFF)
set -euo pipefail
build=$1 src=$2 version=$3 with_ui=$4

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/root
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
ok() { echo "ok: $*"; }

DESTDIR=$dest cmake --install "$build" --prefix /usr >"$tmp/install.log" || { cat "$tmp/install.log"; exit 1; }
usr=$dest/usr
echo "installed files:"
(cd "$dest" && find . -type f | sort)

# --- crema-cli ------------------------------------------------------------------
cli=$usr/bin/crema-cli
[ -x "$cli" ] || { fail "bin/crema-cli missing"; exit 1; }
"$cli" --help >"$tmp/cli-help" 2>&1 && grep -q "usage: crema-cli" "$tmp/cli-help" \
  && ok "crema-cli --help" || { cat "$tmp/cli-help"; fail "crema-cli --help"; }
out=$("$cli" --version 2>&1) || true
[ "$out" = "crema-cli $version" ] && ok "crema-cli --version: $out" || fail "crema-cli --version printed '$out'"
# A real engine call: oneDNN is loaded and reports its version.
OMP_NUM_THREADS=1 "$cli" info >"$tmp/cli-info" 2>&1 && grep -qi "onednn" "$tmp/cli-info" \
  && ok "crema-cli info" || { cat "$tmp/cli-info"; fail "crema-cli info"; }

# --- the examples: complete and parseable by the installed crema-cli ------------
for f in $(cd "$src/resources/examples" && find . -type f | sort); do
  cmp -s "$src/resources/examples/$f" "$usr/share/crema/examples/$f" \
    && ok "example $f installed" || fail "example $f missing or different in share/crema/examples"
done
net=$usr/share/crema/examples/lenet/lenet_train_test.prototxt
solver=$usr/share/crema/examples/lenet/lenet_solver.prototxt
"$cli" upgrade-net "$net" "$tmp/net.prototxt" >"$tmp/upg.log" 2>&1 && grep -q 'name: "conv1"' "$tmp/net.prototxt" \
  && ok "installed example net parses" || { cat "$tmp/upg.log"; fail "installed example net does not parse"; }
"$cli" upgrade-solver "$solver" "$tmp/solver.prototxt" >"$tmp/upgs.log" 2>&1 \
  && grep -q 'base_lr: 0.01' "$tmp/solver.prototxt" \
  && ok "installed example solver parses" || { cat "$tmp/upgs.log"; fail "installed example solver does not parse"; }

# --- the binaries do not depend on the build tree -------------------------------
bins=("$cli")
[ "$with_ui" = ON ] && bins+=("$usr/bin/crema")
for b in "${bins[@]}"; do
  [ -e "$b" ] || continue
  if readelf -d "$b" | grep -E "R(UN)?PATH" | grep -q "$build"; then fail "$(basename "$b") has an RPATH into $build"; fi
  if ldd "$b" | grep -q "not found"; then ldd "$b" | grep "not found"; fail "$(basename "$b"): unresolved libraries"; fi
  ok "$(basename "$b") links only installed libraries"
done

# --- the desktop app and its desktop integration --------------------------------
if [ "$with_ui" = ON ]; then
  app=$usr/bin/crema
  [ -x "$app" ] || { fail "bin/crema missing"; exit 1; }
  # Without any display: --version and --help must not need one.
  out=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$app" --version 2>&1) || true
  [ "$out" = "crema $version" ] && ok "crema --version without a display: $out" \
    || fail "crema --version printed '$out', expected 'crema $version'"
  env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$app" --help >"$tmp/app-help" 2>&1 \
    && grep -q "data-dir" "$tmp/app-help" && ok "crema --help without a display" \
    || { cat "$tmp/app-help"; fail "crema --help"; }

  desktop=$usr/share/applications/crema.desktop
  if [ -f "$desktop" ]; then
    ok "desktop entry installed"
    if command -v desktop-file-validate >/dev/null 2>&1; then
      # desktop-file-validate exits non-zero on errors; hints and warnings are printed.
      desktop-file-validate "$desktop" >"$tmp/dfv" 2>&1 && ok "desktop-file-validate" \
        || { cat "$tmp/dfv"; fail "desktop-file-validate"; }
      grep -q "error" "$tmp/dfv" && { cat "$tmp/dfv"; fail "desktop-file-validate reported errors"; }
    else
      echo "note: desktop-file-validate not installed (Debian package desktop-file-utils); not validated"
    fi
    exe=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
    [ -x "$usr/bin/$exe" ] && ok "Exec=$exe is installed in bin" || fail "Exec=$exe not in $usr/bin"
    icon=$(sed -n 's/^Icon=//p' "$desktop")
    [ "$icon" = crema ] || fail "Icon=$icon, expected crema"
  else
    fail "share/applications/crema.desktop missing"
  fi

  # Icon: present in hicolor, and its pixel size is the one its folder names.
  found=0
  for png in "$usr"/share/icons/hicolor/*/apps/crema.png; do
    [ -f "$png" ] || continue
    found=1
    dir=$(basename "$(dirname "$(dirname "$png")")")
    size=$(file -b "$png" | sed -n 's/^PNG image data, \([0-9]*\) x \([0-9]*\),.*/\1x\2/p')
    [ "$size" = "$dir" ] && ok "icon $dir/apps/crema.png is $size" || fail "icon in $dir/ is '$size'"
  done
  [ $found = 1 ] || fail "no share/icons/hicolor/*/apps/crema.png"

  # MIME type for *.prototxt: the XML must compile with update-mime-database and map the glob.
  mimexml=$usr/share/mime/packages/crema.xml
  if [ -f "$mimexml" ]; then
    if command -v update-mime-database >/dev/null 2>&1; then
      mkdir -p "$tmp/mime/packages" && cp "$mimexml" "$tmp/mime/packages/"
      update-mime-database "$tmp/mime" >"$tmp/umd" 2>&1 && grep -q "text/x-caffe-prototxt:\*\.prototxt" "$tmp/mime/globs" \
        && ok "MIME type text/x-caffe-prototxt compiles, glob *.prototxt" \
        || { cat "$tmp/umd"; fail "mime/packages/crema.xml does not compile"; }
    fi
    grep -q "^MimeType=text/x-caffe-prototxt;" "$desktop" || fail "desktop entry does not name text/x-caffe-prototxt"
  else
    fail "share/mime/packages/crema.xml missing"
  fi

  metainfo=$usr/share/metainfo/crema.metainfo.xml
  if [ -f "$metainfo" ] && command -v appstreamcli >/dev/null 2>&1; then
    # Only the warning that the id "crema" is not reverse-DNS (it matches crema.desktop) is
    # downgraded; any other warning or error fails.
    appstreamcli validate --no-net --override=cid-desktopapp-is-not-rdns=info "$metainfo" >"$tmp/asv" 2>&1 && ok "appstreamcli validate" \
      || { cat "$tmp/asv"; fail "appstreamcli validate"; }
  fi
fi

if [ $fails -gt 0 ]; then
  echo "$fails check(s) failed"
  exit 1
fi
echo "all install checks passed"
