#!/usr/bin/python3
"""PyTorch peer for ae4j's benchmark: the configs of shared/bench-configs.json (C1 a-e, C2 a), timed the same way.

Usage: /usr/bin/python3 torch_bench.py CONFIG_JSON [--threads 2] [--only C1a,C2a]
Prints one JSON object per line: {"config": "C1a", "rows_per_s": ..., "ms_per_step": ...}.
Also: --gemm prints numpy (OpenBLAS) GFLOP/s for the C1 GEMM shapes.
Data: Debian's Fashion-MNIST if present, else uniform random data of the same shape (said in the output).
"""
import argparse
import gzip
import json
import os
import struct
import sys
import time

import numpy as np


def load_fashion(n_rows):
    path = "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz"
    if os.path.exists(path):
        with gzip.open(path, "rb") as f:
            magic, n, r, c = struct.unpack(">IIII", f.read(16))
            data = np.frombuffer(f.read(n * r * c), dtype=np.uint8).reshape(n, r * c)
        return data[:n_rows].astype(np.float32) / 255.0, "fashion-mnist"
    rng = np.random.default_rng(0)
    return rng.random((n_rows, 784), dtype=np.float32), "random"


def gemm_bench(threads):
    import torch
    torch.set_num_threads(threads)
    shapes = [("X.W1 128x784x256", 128, 784, 256), ("H.W2 128x256x784", 128, 256, 784),
              ("dY.W2^T 128x784x256", 128, 784, 256), ("X^T.dH 784x128x256", 784, 128, 256),
              ("H^T.dY 256x128x784", 256, 128, 784)]
    out = []
    for name, m, k, n in shapes:
        a = np.random.rand(m, k).astype(np.float32)
        b = np.random.rand(k, n).astype(np.float32)
        for _ in range(20):
            a @ b
        reps = 300
        t0 = time.perf_counter()
        for _ in range(reps):
            a @ b
        dt = (time.perf_counter() - t0) / reps
        out.append({"gemm": name, "gflops": 2.0 * m * k * n / dt / 1e9})
    return out


def run(cfg_all, name, threads, warmup=None):
    import torch
    torch.manual_seed(42)
    torch.set_num_threads(threads)
    common = cfg_all["common"]
    model_key, variant_key = name[:2], name[2:]
    model = cfg_all["models"][model_key]
    variant = cfg_all["variants"][variant_key]
    batch = common["batch"]
    timed = variant.get("timed_steps", common["timed_steps"])
    # A variant's own warm-up (the slow autograd one) wins over the --warmup override.
    warm = variant.get("warmup_steps", common["warmup_steps"] if warmup is None else warmup)
    x_all, source = load_fashion(60000)
    x_all = torch.from_numpy(x_all)
    layers = model["layers"]
    act = {"sigmoid": torch.nn.Sigmoid, "relu": torch.nn.ReLU}[model["hidden_act"]]
    mods = []
    for i in range(len(layers) - 1):
        mods.append(torch.nn.Linear(layers[i], layers[i + 1]))
        last = i == len(layers) - 2
        mods.append(torch.nn.Sigmoid() if last else act())
    net = torch.nn.Sequential(*mods)
    enc_lin = mods[0]
    opt = torch.optim.Adam(net.parameters(), lr=common["optimizer"]["lr"], betas=(0.9, 0.999), eps=1e-8)
    n = x_all.shape[0]
    perm = torch.randperm(n)
    steps = warm + timed
    pos = 0

    def step(xb):
        opt.zero_grad(set_to_none=True)
        inp = xb
        if variant["name"] == "denoising":
            inp = xb * (torch.rand_like(xb) >= variant["mask_p"]).float()
        if variant["name"] in ("sparse", "contractive-closed"):
            h = mods[1](enc_lin(inp))
            out = net[2:](h)
        else:
            out = net(inp)
            h = None
        loss = ((out - xb) ** 2).sum(dim=1).mean()
        if variant["name"] == "sparse":
            rho = variant["rho"]
            rh = h.mean(dim=0).clamp(1e-6, 1 - 1e-6)
            loss = loss + variant["beta"] * (rho * torch.log(rho / rh) + (1 - rho) * torch.log((1 - rho) / (1 - rh))).sum()
        elif variant["name"] == "contractive-closed":
            w2 = (enc_lin.weight ** 2).sum(dim=1)
            loss = loss + variant["lambda"] * (((h * (1 - h)) ** 2) * w2).sum(dim=1).mean()
        elif variant["name"] == "contractive-autograd":
            f = lambda z: mods[1](enc_lin(z))
            js = torch.autograd.functional.jacobian(lambda z: f(z).sum(dim=0), inp, create_graph=True, vectorize=True)
            loss = loss + variant["lambda"] * (js ** 2).sum() / xb.shape[0]
        loss.backward()
        opt.step()
        return loss

    t0 = None
    for s in range(steps):
        if s == warm:
            t0 = time.perf_counter()
        if pos + batch > n:
            perm = torch.randperm(n)
            pos = 0
        xb = x_all[perm[pos:pos + batch]]
        pos += batch
        step(xb)
    dt = time.perf_counter() - t0
    return {"config": name, "rows_per_s": timed * batch / dt, "ms_per_step": 1000 * dt / timed, "data": source,
            "threads": threads, "torch": torch.__version__}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("config")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--only", default="C1a,C1b,C1c,C1d,C2a")
    ap.add_argument("--gemm", action="store_true")
    ap.add_argument("--warmup", type=int, default=None,
                    help="warm-up steps before timing (default: the config's); run.sh passes ae4j's 1000")
    args = ap.parse_args()
    if args.gemm:
        for r in gemm_bench(args.threads):
            print(json.dumps(r), flush=True)
        return
    with open(args.config) as f:
        cfg = json.load(f)
    for name in args.only.split(","):
        print(json.dumps(run(cfg, name, args.threads, args.warmup)), flush=True)


if __name__ == "__main__":
    main()
