#!/usr/bin/env bash
# README command 2: on a fresh Debian machine, install the dependencies, build
# Crema and run every test (engine unit tests, Qt widget tests offscreen, and
# end-to-end crema-cli runs on real MNIST digits).
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
cd build
ctest --output-on-failure -j2 --timeout 1800 "$@"
