#!/usr/bin/env bash
# Crema vs PyTorch on the seed's LeNet (and CIFAR-10 quick), same machine, same run.
# Usage: bash bench/run.sh [--quick] [--full] [--threads N] [--repeats R] [--out FILE]
#   --quick   fewer iterations and repeats (a smoke run)
#   --full    also the seed's full run: 10,000 iterations, test every 500 over 10,000 digits
#   --out     Markdown report (default: print only); stdout always gets the report.
# Needs a built crema-cli (build/ from packaging/run-tests.sh, or BUILD=dir); PyTorch parts
# need Debian's python3-torch (bash packaging/install-deps.sh --with-bench), else skipped.
# Both engines run with the same OMP_WAIT_POLICY: the caller's, or libgomp's default when unset
# (what a user gets; fastest on an idle machine). On a busy machine export OMP_WAIT_POLICY=passive.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$ROOT/build}
SHARED=${SHARED:-$ROOT/../shared}
T=2; R=5; FB_ITERS=100; TRAIN_ITERS=600; TORCH_ITERS=50; OUT=""; FULL=0
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) R=3; FB_ITERS=40; TRAIN_ITERS=300; TORCH_ITERS=20 ;;
    --full) FULL=1 ;;
    --threads) T=$2; shift ;;
    --repeats) R=$2; shift ;;
    --out) OUT=$2; shift ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac; shift
done
POLICY=${OMP_WAIT_POLICY:-unset (libgomp default)}
CLI=$BUILD/crema-cli
if [ ! -x "$CLI" ]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCREMA_BUILD_UI=OFF >/dev/null && ninja -C "$BUILD" -j2 crema-cli >/dev/null
fi
W=$BUILD/bench; mkdir -p "$W/mnist"; cd "$W"
"$CLI" data mnist --out "$W/data" >/dev/null 2>&1
[ -d data/mnist_shared_test_lmdb ] || "$CLI" convert-mnist "$SHARED/data/mnist/t10k-images-idx3-ubyte.gz" \
  "$SHARED/data/mnist/t10k-labels-idx1-ubyte.gz" data/mnist_shared_test_lmdb >/dev/null 2>&1
ln -sfn ../data/mnist_train_lmdb mnist/mnist_train_lmdb
ln -sfn ../data/mnist_shared_test_lmdb mnist/mnist_test_lmdb
for b in 16 64 100 256; do
  sed "s/batch_size: 64/batch_size: $b/" "$SHARED/data/seed/lenet_auto_train.prototxt" > mnist/lenet_b$b.prototxt
done
cp "$SHARED/data/seed/lenet_auto_test.prototxt" mnist/lenet_auto_test.prototxt
cp "$SHARED/data/seed/lenet_auto_train.prototxt" mnist/lenet_auto_train.prototxt
# CIFAR-10 quick on random data: the Data layers become one DummyData (batch 100).
python3 - "$SHARED/data/caffe/models/cifar10__cifar10_quick_train_test.prototxt" > cifar_quick_dummy.prototxt <<'PY'
import re, sys
text = open(sys.argv[1]).read()
body = re.split(r'\nlayer \{', text)
keep = [b for b in body[1:] if 'type: "Data"' not in b and 'type: "Accuracy"' not in b]
print('name: "CIFAR10_quick_dummy"\nlayer { name: "data" type: "DummyData" top: "data" top: "label"\n'
      '  dummy_data_param { shape { dim: 100 dim: 3 dim: 32 dim: 32 } shape { dim: 100 }\n'
      '    data_filler { type: "gaussian" std: 1 } data_filler { type: "uniform" min: 0 max: 9.99 } } }')
for b in keep: print('layer {' + b)
PY
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print a[(NR+1)/2]; else printf "%.4g\n", (a[NR/2]+a[NR/2+1])/2}'; }
fb_ms() {  # model threads iters [env...] -> Average Forward-Backward ms of one run
  local m=$1 t=$2 it=$3; shift 3
  env "$@" "$CLI" time --model "$m" --iterations "$it" --threads "$t" 2>&1 | grep -oP 'Average Forward-Backward: \K[0-9.e+-]+'
}
train_ms() {  # solver threads [env...] -> ms/iter over the display intervals after the first
  local s=$1 t=$2; shift 2
  env "$@" "$CLI" train --solver "$s" --threads "$t" 2>&1 | grep -oP 'iter/s, \K[0-9.e+-]+(?=s/100 iters)' | tail -n +3 |
    awk '{s+=$1; n++} END {printf "%.3f\n", s*10/n}'
}
mk_solver() {  # batch iters -> solver file (seed's solver, no test, no snapshot)
  cat > mnist/solver_b$1.prototxt <<S
train_net: "lenet_b$1.prototxt"
base_lr: 0.01
momentum: 0.9
weight_decay: 0.0005
lr_policy: "inv"
gamma: 0.0001
power: 0.75
display: 100
max_iter: $2
snapshot: 0
snapshot_after_train: false
random_seed: 1
S
  echo mnist/solver_b$1.prototxt
}
TORCH=0; /usr/bin/python3 -c "import torch" 2>/dev/null && TORCH=1
torch_best() {  # mode threads batch -> "ms variant"
  /usr/bin/python3 "$SHARED/bench/lenet_torch.py" --mode "$1" --threads "$2" --batch "$3" --iters "$TORCH_ITERS" 2>/dev/null |
    awk '/^BEST/ {print $2, $3}'
}
lenet_gflop() { awk -v n="$1" 'BEGIN {f=2*n*(20*24*24*25 + 50*8*8*500 + 800*500 + 500*10); printf "%.4f\n", (f + 2*f - 2*n*20*24*24*25) * 1e-9}'; }

PEAK="n/a"
if c++ -O2 -o "$W/fma_peak" "$ROOT/bench/fma_peak.cpp" 2>/dev/null; then PEAK=$("$W/fma_peak"); fi
PEAK512=$(echo "$PEAK" | awk '{print $2}'); PEAK256=$(echo "$PEAK" | awk '{print $4}')
PEAK_CORE=$( [ "${PEAK512:-0}" != "0.0" ] && echo "$PEAK512" || echo "$PEAK256")

report() { echo "$@"; }
{
report "# Crema benchmark"
report
report "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $("$CLI" info | head -1)."
report "Date: $(date -u '+%Y-%m-%d %H:%M UTC'); load average at start: $(cut -d' ' -f1-3 /proc/loadavg); threads: $T; OMP_WAIT_POLICY=$POLICY; repeats: $R (medians)."
report "FP32 peak (FMA microbenchmark, bench/fma_peak.cpp, per core): AVX-512 ${PEAK512:-n/a} GFLOP/s, AVX2 ${PEAK256:-n/a} GFLOP/s; machine peak = $PEAK_CORE x $T threads."
report
# --- LeNet batch 64 ---
fb=(); tr=(); tfb=(); ttr=()
S64=$(mk_solver 64 "$TRAIN_ITERS")
for r in $(seq "$R"); do
  fb+=("$(fb_ms mnist/lenet_b64.prototxt "$T" "$FB_ITERS")")
  tr+=("$(train_ms "$S64" "$T")")
done
FB=$(printf '%s\n' "${fb[@]}" | median); TR=$(printf '%s\n' "${tr[@]}" | median)
TFB="n/a"; TTR="n/a"; TFBV=""; TTRV=""
if [ $TORCH = 1 ]; then
  read -r TFB TFBV <<< "$(torch_best fb "$T" 64)"; read -r TTR TTRV <<< "$(torch_best train "$T" 64)"
fi
GF=$(lenet_gflop 64)
report "## LeNet, batch 64, $T threads (ms per iteration, median of $R runs)"
report
report "| | Crema | PyTorch (best variant) | Crema / PyTorch |"
report "|---|---|---|---|"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b+0 > 0) printf "%.2f", a/b; else print "n/a"}'; }
report "| forward+backward (\`crema-cli time\`) | $FB | $TFB $TFBV | $(ratio "$FB" "$TFB") |"
report "| train iteration (fwd+bwd+SGD update, LMDB data for Crema) | $TR | $TTR $TTRV | $(ratio "$TR" "$TTR") |"
report
report "Work per train iteration: $GF GFLOP -> Crema $(awk -v g="$GF" -v t="$TR" 'BEGIN {printf "%.1f", g/t*1e3}') GFLOP/s = $(awk -v g="$GF" -v t="$TR" -v p="$PEAK_CORE" -v n="$T" 'BEGIN {printf "%.0f", g/t*1e3/(p*n)*100}')% of the ${T}-core FP32 peak."
[ $TORCH = 1 ] || report "PyTorch: skipped (python3-torch not installed: bash packaging/install-deps.sh --with-bench)."
report
report "Per layer (Crema, one more \`time\` run of $FB_ITERS iterations, wall ms per layer):"
report
report '```'
"$CLI" time --model mnist/lenet_b64.prototxt --iterations "$FB_ITERS" --threads "$T" 2>&1 | grep -E '(forward|backward): ' | sed 's/^.*\] *//'
report '```'
report
TEST=$( "$CLI" time --model mnist/lenet_auto_test.prototxt --phase TEST --iterations "$FB_ITERS" --threads "$T" 2>&1 | grep -oP 'Average Forward pass: \K[0-9.e+-]+')
report "Test forward, batch 100: $TEST ms."
RSS=$( { /usr/bin/time -v "$CLI" train --solver "$S64" --threads "$T" >/dev/null; } 2>&1 | grep -oP 'Maximum resident set size \(kbytes\): \K[0-9]+' || echo "n/a")
case $RSS in ''|*[!0-9]*) report "Peak RSS of a train run: n/a (GNU time not installed: apt install time)." ;;
  *) report "Peak RSS of a train run: $((RSS / 1024)) MiB." ;; esac
report
# --- optimisations A/B ---
report "## Optimisations on/off (same run, LeNet batch 64, $T threads, train ms/iter, median of $R)"
report
report "| variant | train ms/iter | fwd+bwd ms |"
report "|---|---|---|"
for v in "all on:" "CREMA_OPT=0 (all off):CREMA_OPT=0" "layouts off:CREMA_OPT_OFF=layouts" "pool off (oneDNN pooling):CREMA_OPT_OFF=pool" \
         "nhwc on (opt-in):CREMA_OPT_ON=nhwc" "fuse off:CREMA_OPT_OFF=fuse" "update off:CREMA_OPT_OFF=update"; do
  name=${v%%:*}; e=${v#*:}; [ -n "$e" ] || e="CREMA_OPT=1"
  a=(); b=()
  for r in $(seq "$R"); do a+=("$(train_ms "$S64" "$T" "$e")"); b+=("$(fb_ms mnist/lenet_b64.prototxt "$T" "$FB_ITERS" "$e")"); done
  report "| $name | $(printf '%s\n' "${a[@]}" | median) | $(printf '%s\n' "${b[@]}" | median) |"
done
report
# --- scaling ---
report "## Scaling (train ms/iter, median of $R; PyTorch best variant, train mode)"
report
report "| batch | threads | Crema | PyTorch | ratio | Crema GFLOP/s |"
report "|---|---|---|---|---|---|"
for b in 16 64 256; do
  for t in 1 2; do
    S=$(mk_solver $b "$TRAIN_ITERS"); a=()
    for r in $(seq "$R"); do a+=("$(train_ms "$S" "$t")"); done
    c=$(printf '%s\n' "${a[@]}" | median); p="n/a"
    [ $TORCH = 1 ] && p=$(torch_best train "$t" "$b" | awk '{print $1}')
    report "| $b | $t | $c | $p | $(ratio "$c" "$p") | $(awk -v g="$(lenet_gflop $b)" -v t="$c" 'BEGIN {printf "%.1f", g/t*1e3}') |"
  done
done
report
a=(); for r in $(seq "$R"); do a+=("$(fb_ms cifar_quick_dummy.prototxt "$T" 20)"); done
report "CIFAR-10 quick (DummyData, batch 100, $T threads): forward+backward $(printf '%s\n' "${a[@]}" | median) ms (Crema; all optimisations on)."
a=(); for r in $(seq "$R"); do a+=("$(fb_ms cifar_quick_dummy.prototxt "$T" 20 CREMA_OPT=0)"); done
report "CIFAR-10 quick, CREMA_OPT=0: $(printf '%s\n' "${a[@]}" | median) ms."
if [ $TORCH = 1 ]; then
  report "CIFAR-10 quick in PyTorch (bench/cifar10_quick_torch.py, fb): $(/usr/bin/python3 "$ROOT/bench/cifar10_quick_torch.py" --threads "$T" --iters 10 2>/dev/null | awk '/^BEST/ {print $2, $3}') ms."
fi
report
# --- equal results ---
S200=mnist/solver_check.prototxt
sed -e 's/^max_iter: .*/max_iter: 200/' -e 's/^display: .*/display: 1/' "$(mk_solver 64 200)" > "$S200"
"$CLI" train --solver "$S200" --threads "$T" 2>&1 | grep -oP '\] Iteration \d+ .*loss = \K[0-9.e+-]+' > losses_opt.txt
CREMA_OPT=0 "$CLI" train --solver "$S200" --threads "$T" 2>&1 | grep -oP '\] Iteration \d+ .*loss = \K[0-9.e+-]+' > losses_plain.txt
MAXREL=$(paste losses_opt.txt losses_plain.txt | awk '{d=($1-$2); if (d<0) d=-d; r=d/($2>0?$2:1); if (r>m) m=r} END {printf "%.2e", m}')
VERDICT=$(awk -v m="$MAXREL" -v a="$(wc -l < losses_opt.txt)" -v b="$(wc -l < losses_plain.txt)" \
  'BEGIN {print (m + 0 <= 1e-5 && a == b && a > 0) ? "within" : "FAILED:"}')
report "200-iteration seeded LeNet, optimisations on vs CREMA_OPT=0: max relative loss difference $MAXREL over $(wc -l < losses_opt.txt) iterations ($VERDICT limit 1e-5)."
[ "$VERDICT" = within ] || echo "bench: optimised and plain losses differ beyond 1e-5" >&2
if [ $FULL = 1 ]; then
  sed -e 's#mnist/lenet_auto_train.prototxt#lenet_auto_train.prototxt#' -e 's#mnist/lenet_auto_test.prototxt#lenet_auto_test.prototxt#' \
      -e 's#snapshot_prefix: "mnist/lenet"#snapshot_prefix: "lenet"#' "$SHARED/data/seed/lenet_auto_solver.prototxt" > mnist/seed_solver.prototxt
  full_run() {  # label [env...]: one timed seed run
    local label=$1; shift
    local s e; s=$(date +%s.%N); env "$@" "$CLI" train --solver mnist/seed_solver.prototxt --threads "$T" > full_run.log 2>&1; e=$(date +%s.%N)
    report "Seed's full run, $label (10,000 iterations, test every 500 over 10,000 digits, snapshots at 5,000/10,000): $(awk -v s="$s" -v e="$e" 'BEGIN {printf "%.1f", e-s}') s wall, median $(grep -oP 'iter/s, \K[0-9.e+-]+(?=s/100 iters)' full_run.log | awk '{print $1*10}' | median) ms/iter; final test loss $(grep 'Test net output' full_run.log | tail -1 | grep -oP 'loss = \K[0-9.e+-]+')."
  }
  full_run "OMP_WAIT_POLICY=$POLICY"
  [ "${OMP_WAIT_POLICY:-}" = passive ] || full_run "OMP_WAIT_POLICY=passive" OMP_WAIT_POLICY=passive
fi
report
report "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
} | tee "${OUT:-/dev/null}"
