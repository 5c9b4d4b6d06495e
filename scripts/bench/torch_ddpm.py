#!/usr/bin/python3
"""The same DDPM as `latentlab bench ddpm`, in PyTorch, for the speed comparison of issue 6.

Two moons (500 points, noise 0.1, standardised), ε-network: [x (2), sinusoidal embedding of t
(32)] -> 128 -> 128 -> 128 -> 2 with SiLU, linear schedule, T = 1000, batch 256, Adam 1e-3 with
an EMA of the weights (decay 0.995) as LatentLab does. Times the training steps per second
(after 20 warm-up steps) and then sampling --points points through all T reverse steps
(Algorithm 2). Prints and optionally writes {train_steps_per_second, sampling_seconds}.

usage: torch_ddpm.py [--train-steps N] [--points N] [--T T] [--threads T] [--json FILE]
"""
import argparse
import copy
import json
import math
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train-steps", type=int, default=2000)
    ap.add_argument("--points", type=int, default=10000)
    ap.add_argument("--T", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    n = 500
    t = torch.rand(n) * math.pi
    upper = torch.rand(n) < 0.5
    x = torch.where(upper[:, None], torch.stack([torch.cos(t), torch.sin(t)], 1),
                    torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], 1)) + 0.1 * torch.randn(n, 2)
    x = (x - x.mean(0)) / x.std()
    T = a.T
    betas = torch.linspace(1e-4 * 1000 / T, 0.02 * 1000 / T, T, dtype=torch.float64).clamp(max=0.999)
    alphas = 1 - betas
    abar = torch.cumprod(alphas, 0)
    abar_prev = torch.cat([torch.ones(1, dtype=torch.float64), abar[:-1]])
    post_var = betas * (1 - abar_prev) / (1 - abar)
    sa, s1a = abar.sqrt().float(), (1 - abar).sqrt().float()
    E = 32
    freqs = torch.pow(10000.0, -torch.arange(E // 2, dtype=torch.float32) / (E // 2))

    def embed(tt):
        a_ = tt[:, None].float() * freqs[None]
        return torch.stack([a_.sin(), a_.cos()], 2).reshape(tt.shape[0], E)

    net = torch.nn.Sequential(torch.nn.Linear(2 + E, 128), torch.nn.SiLU(), torch.nn.Linear(128, 128),
                              torch.nn.SiLU(), torch.nn.Linear(128, 128), torch.nn.SiLU(), torch.nn.Linear(128, 2))
    ema = copy.deepcopy(net)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    B = 256

    def train_step():
        idx = torch.randint(0, n, (B,))
        tt = torch.randint(1, T + 1, (B,))
        eps = torch.randn(B, 2)
        xt = sa[tt - 1, None] * x[idx] + s1a[tt - 1, None] * eps
        loss = ((net(torch.cat([xt, embed(tt)], 1)) - eps) ** 2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        with torch.no_grad():
            for pe, p in zip(ema.parameters(), net.parameters()):
                pe.mul_(0.995).add_(p, alpha=0.005)

    for _ in range(20):
        train_step()
    t0 = time.perf_counter()
    for _ in range(a.train_steps):
        train_step()
    sps = a.train_steps / (time.perf_counter() - t0)

    t1 = time.perf_counter()
    with torch.no_grad():
        xs = torch.randn(a.points, 2)
        for step in range(T, 0, -1):
            tt = torch.full((a.points,), step)
            eps = ema(torch.cat([xs, embed(tt)], 1))
            mean = (xs - (betas[step - 1] / (1 - abar[step - 1]).sqrt()).float() * eps) / alphas[step - 1].sqrt().float()
            xs = mean + (post_var[step - 1].sqrt().float() * torch.randn_like(xs) if step > 1 else 0)
    sampling = time.perf_counter() - t1
    print(f"PyTorch {torch.__version__} DDPM, {a.threads} threads: {sps:.0f} training steps/s; "
          f"sampling {a.points} points x {T} steps: {sampling:.2f} s")
    if a.json:
        json.dump({"train_steps_per_second": sps, "sampling_seconds": sampling, "threads": a.threads,
                   "torch_version": torch.__version__}, open(a.json, "w"))


main()
