#!/usr/bin/python3
"""The same GAN as `latentlab bench gan`, in PyTorch, for the speed comparison of issue 5.

Ring of 8 Gaussians (radius 2, std 0.05), G: 2 -> 64 -> 64 -> 2 and D: 2 -> 64 -> 64 -> 1 with
ReLU, 2-D Gaussian noise, batch 256, Adam (lr 1e-3, betas 0.5, 0.999), one iteration = one D
step (real and fake batches, BCE with logits) + one G step (non-saturating loss). Prints and
optionally writes {iterations_per_second}. Timing leaves out the first 20 iterations.

usage: torch_gan.py [--iterations N] [--threads T] [--json FILE]
"""
import argparse
import json
import math
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--iterations", type=int, default=2000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    k = 8
    angles = torch.arange(k) * 2 * math.pi / k
    centres = torch.stack([2 * torch.cos(angles), 2 * torch.sin(angles)], 1)
    data = centres[torch.randint(0, k, (500,))] + 0.05 * torch.randn(500, 2)

    def mlp(i, o):
        return torch.nn.Sequential(torch.nn.Linear(i, 64), torch.nn.ReLU(), torch.nn.Linear(64, 64),
                                   torch.nn.ReLU(), torch.nn.Linear(64, o))

    G, D = mlp(2, 2), mlp(2, 1)
    og = torch.optim.Adam(G.parameters(), lr=1e-3, betas=(0.5, 0.999))
    od = torch.optim.Adam(D.parameters(), lr=1e-3, betas=(0.5, 0.999))
    bce = torch.nn.BCEWithLogitsLoss()
    B = a.batch
    ones, zeros = torch.ones(B, 1), torch.zeros(B, 1)

    def iteration():
        real = data[torch.randint(0, data.shape[0], (B,))]
        fake = G(torch.randn(B, 2)).detach()
        od.zero_grad()
        (bce(D(real), ones) + bce(D(fake), zeros)).backward()
        od.step()
        og.zero_grad()
        bce(D(G(torch.randn(B, 2))), ones).backward()
        og.step()

    rates = []
    for _ in range(a.repeats):
        for _ in range(20):
            iteration()
        t0 = time.perf_counter()
        for _ in range(a.iterations):
            iteration()
        rates.append(a.iterations / (time.perf_counter() - t0))
    rates.sort()
    ips = rates[len(rates) // 2]
    print(f"PyTorch {torch.__version__} GAN iterations, batch {B}, {a.threads} threads: "
          f"{ips:.0f} iterations/s (median of {a.repeats}: {', '.join(f'{r:.0f}' for r in rates)})")
    if a.json:
        json.dump({"iterations_per_second": ips, "all": rates, "threads": a.threads,
                   "torch_version": torch.__version__}, open(a.json, "w"))


main()
