#!/usr/bin/env bash
# Builds the Debian package of Crema: installs the dependencies (install-deps.sh),
# makes a Release build in ./build (the folder the README scripts use) and runs
# CPack's DEB generator there. Depends is computed by dpkg-shlibdeps. Prints the
# path of the .deb; install it with `sudo apt install ./build/crema_*.deb`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCREMA_BUILD_UI=ON
# CPack builds `all` before installing, so build everything here (as build.sh does).
cmake --build build -j"$(nproc)"
(cd build && cpack -G DEB >cpack.log) || { cat build/cpack.log; exit 1; }
version=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' build/CPackConfig.cmake)
deb="$(pwd)/build/crema_${version}_$(dpkg --print-architecture).deb"
[ -f "$deb" ] || { cat build/cpack.log; echo "make-deb: no $deb" >&2; exit 1; }
echo "$deb"
