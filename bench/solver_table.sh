#!/usr/bin/env bash
# Solver type vs LeNet test accuracy after 2,000 iterations on the MNIST digits.
# Usage: OMP_WAIT_POLICY=passive bash bench/solver_table.sh  (after packaging/run-tests.sh built build/ and build/testdata)
# Layout as Caffe's examples: examples/mnist/{lenet_train_test.prototxt, mnist_train_lmdb, mnist_test_lmdb}.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CLI=${CLI:-$ROOT/build/crema-cli}
SHARED=${SHARED:-$ROOT/../shared}
DATA=${DATA:-$ROOT/build/testdata}  # from ctest -R prepare_mnist_data
W=$(mktemp -d)  # a fresh folder of our own (never a caller's folder: nothing is deleted)
mkdir -p "$W/examples/mnist"; cd "$W"
cp "$SHARED/data/caffe/models/mnist__lenet_train_test.prototxt" examples/mnist/lenet_train_test.prototxt
ln -s "$DATA/mnist_train_lmdb" examples/mnist/mnist_train_lmdb
ln -s "$DATA/mnist_shared_test_lmdb" examples/mnist/mnist_test_lmdb
common='max_iter: 2000\ntest_interval: 2000\ntest_initialization: false\nsnapshot: 0\nsnapshot_after_train: false\nrandom_seed: 1\n'
mk() {  # name, source solver, extra sed
  grep -v -E '^(max_iter|test_interval|snapshot|snapshot_prefix|random_seed|solver_type|type)\b' "$SHARED/data/caffe/models/$2" > "examples/mnist/$1.prototxt"
  printf "$common" >> "examples/mnist/$1.prototxt"
  printf 'type: "%s"\n' "$3" >> "examples/mnist/$1.prototxt"
  if [ -n "${4:-}" ]; then sed -i "$4" "examples/mnist/$1.prototxt"; fi
}
mk sgd       mnist__lenet_solver.prototxt          SGD
mk nesterov  mnist__lenet_solver.prototxt          Nesterov
mk adagrad   mnist__lenet_solver.prototxt          AdaGrad  's/^momentum:.*/momentum: 0/'
mk rmsprop   mnist__lenet_solver_rmsprop.prototxt  RMSProp
mk adadelta  mnist__lenet_adadelta_solver.prototxt AdaDelta
mk adam      mnist__lenet_solver_adam.prototxt     Adam
for s in sgd nesterov adagrad rmsprop adadelta adam; do
  "$CLI" train --solver examples/mnist/$s.prototxt > $s.log 2>&1
  acc=$(grep -oP 'Test net output #0: accuracy = \K[0-9.e+-]+' $s.log | tail -1)
  spi=$(grep -oP 'iter/s, \K[0-9.e+-]+(?=s/100 iters)' $s.log | tail -n +2 | awk '{s+=$1; n++} END {if (n) printf "%.1f", s*10/n}')
  echo "$s accuracy=$acc ms_per_iter=$spi"
done
