#!/usr/bin/env bash
# README command 1: on a fresh Debian machine, install the dependencies, build
# Crema, prepare the MNIST digits and open the app on the seed's LeNet.
set -euo pipefail
cd "$(dirname "$0")/.."
bash packaging/install-deps.sh
bash packaging/build.sh
DATA_DIR="${CREMA_DATA_DIR:-$HOME/.local/share/crema/data}"
./build/crema-cli data mnist --out "$DATA_DIR"
if [ -z "${DISPLAY:-}" ]; then
  echo "run-app: no DISPLAY set; starting a virtual X server (Xvfb) on :99"
  Xvfb :99 -screen 0 1600x1000x24 >/dev/null 2>&1 &
  export DISPLAY=:99
  sleep 1
fi
# Idle OpenMP threads sleep instead of spinning: on a busy desktop spinning costs 5-10x
# (bench/RESULTS.md); libgomp reads this before main(), so it is set here.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-passive}"
exec ./build/crema --data-dir "$DATA_DIR" "$@"
