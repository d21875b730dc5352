#!/usr/bin/env python3
"""PyTorch peer of Perceptrix's `bench --compare-pytorch`: the same network, data, batch size and optimizer.

Prints one JSON line: {"model", "examples_per_s", "accuracy", "threads", "blas"}.
Run by the Java benchmark; by hand: python3 scripts/torch_peer.py --model lenet --mnist assets/mnist
"""
import argparse, gzip, json, os, random, struct, sys, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack(">I", data[:4])[0]
    dims = magic & 0xFF
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def network(model):
    if model == "lenet":
        return nn.Sequential(
            nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Conv2d(20, 50, 5), nn.ReLU(), nn.MaxPool2d(2, 2),
            nn.Flatten(), nn.Linear(50 * 4 * 4, 500), nn.ReLU(), nn.Linear(500, 10))
    if model == "mlp":
        return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
    raise SystemExit("unknown model " + model)


def blas():
    """The BLAS library torch really loaded (Debian's torch links libblas.so.3, which may be the slow reference)."""
    libs = set()
    with open("/proc/self/maps") as f:
        for line in f:
            path = line.split()[-1] if len(line.split()) > 5 else ""
            name = os.path.basename(path)
            if "blas" in name or "mkl" in name:
                libs.add(path)
    return ",".join(sorted(libs)) or "unknown"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", required=True)
    p.add_argument("--mnist", required=True)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--warmup-batches", type=int, default=5)
    p.add_argument("--show-config", action="store_true")
    a = p.parse_args()
    if a.show_config:
        print(torch.__config__.show())
        print("threads", torch.get_num_threads())
        return
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x = torch.from_numpy(idx(os.path.join(a.mnist, "train-10k-images-idx3-ubyte.gz")).astype(np.float32) / 255.0)
    y = torch.from_numpy(idx(os.path.join(a.mnist, "train-10k-labels-idx1-ubyte.gz")).astype(np.int64))
    tx = torch.from_numpy(idx(os.path.join(a.mnist, "t10k-images-idx3-ubyte.gz")).astype(np.float32) / 255.0)
    ty = torch.from_numpy(idx(os.path.join(a.mnist, "t10k-labels-idx1-ubyte.gz")).astype(np.int64))
    x = x.unsqueeze(1)
    tx = tx.unsqueeze(1)
    net = network(a.model)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    n = x.shape[0]
    # warm-up on a throw-away copy (the Java side trains one throw-away epoch: JIT, oneDNN's primitives)
    warm = network(a.model)
    wopt = torch.optim.Adam(warm.parameters(), lr=1e-3)
    batches = (n + a.batch - 1) // a.batch
    for k in range(a.warmup_batches):
        i = k % batches
        wopt.zero_grad()
        F.cross_entropy(warm(x[i * a.batch:(i + 1) * a.batch]), y[i * a.batch:(i + 1) * a.batch]).backward()
        wopt.step()
        wopt.zero_grad()
    seen = 0
    g = torch.Generator().manual_seed(a.seed)
    t0 = time.perf_counter()
    for epoch in range(a.epochs):
        order = torch.randperm(n, generator=g)
        for start in range(0, n, a.batch):
            idxs = order[start:start + a.batch]
            xb, yb = x[idxs], y[idxs]
            opt.zero_grad()
            loss = F.cross_entropy(net(xb), yb)
            loss.backward()
            opt.step()
            loss.item()  # the score, as Perceptrix reads it every iteration
            seen += len(idxs)
    elapsed = time.perf_counter() - t0
    net.eval()
    correct = 0
    with torch.no_grad():
        for start in range(0, tx.shape[0], 512):
            correct += (net(tx[start:start + 512]).argmax(1) == ty[start:start + 512]).sum().item()
        one = tx[:1]
        times = []
        for i in range(200):
            s = time.perf_counter()
            net(tx[i:i + 1])
            times.append(time.perf_counter() - s)
    times.sort()
    print(json.dumps({"model": a.model, "examples_per_s": seen / elapsed, "accuracy": correct / tx.shape[0],
                      "single_image_ms": times[len(times) // 2] * 1000, "threads": torch.get_num_threads(),
                      "blas": blas()}))


if __name__ == "__main__":
    main()
