#!/usr/bin/python3
"""CIFAR-10 quick (Caffe's examples/cifar10/cifar10_quick_train_test.prototxt) in PyTorch on random
data, batch 100, forward + backward, for bench/run.sh. Same output format as ../shared/bench/lenet_torch.py."""
import argparse, os, time
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import torch, torch.nn as nn, torch.nn.functional as F

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--iters", type=int, default=20)
ap.add_argument("--batch", type=int, default=100)
a = ap.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)

class Quick(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1, self.c2, self.c3 = nn.Conv2d(3, 32, 5, padding=2), nn.Conv2d(32, 32, 5, padding=2), nn.Conv2d(32, 64, 5, padding=2)
        self.ip1, self.ip2 = nn.Linear(64 * 4 * 4, 64), nn.Linear(64, 10)
    def forward(self, x):
        x = F.relu(F.max_pool2d(self.c1(x), 3, 2, ceil_mode=True))
        x = F.avg_pool2d(F.relu(self.c2(x)), 3, 2, ceil_mode=True)
        x = F.avg_pool2d(F.relu(self.c3(x)), 3, 2, ceil_mode=True)
        return self.ip2(self.ip1(torch.flatten(x, 1)))

x = torch.randn(a.batch, 3, 32, 32)
y = torch.randint(0, 10, (a.batch,))
results = {}
for variant in ("default", "channels_last"):
    model, xx = Quick(), x
    if variant == "channels_last":
        model = model.to(memory_format=torch.channels_last)
        xx = x.contiguous(memory_format=torch.channels_last)
    def step():
        model.zero_grad(set_to_none=True)
        F.cross_entropy(model(xx), y).backward()
    for _ in range(5):
        step()
    reps = []
    for _ in range(3):
        t0 = time.perf_counter()
        for _ in range(a.iters):
            step()
        reps.append((time.perf_counter() - t0) / a.iters * 1e3)
    results[variant] = sorted(reps)[1]
    print(f"torch {torch.__version__} {variant} threads={a.threads} batch={a.batch}: {results[variant]:.3f} ms/iter")
best = min(results, key=results.get)
print(f"BEST {results[best]:.3f} {best}")
