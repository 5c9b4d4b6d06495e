#!/usr/bin/python3
"""Reference DDPM schedules and steps for tests/core/test_ddpm_schedule.cpp, written the way the
published code writes them (NumPy, float64), independently of core/ddpm_schedule.cpp:
betas as in improved-diffusion's get_named_beta_schedule / betas_for_alpha_bar (Nichol & Dhariwal
2021; linear additionally clipped at 0.999, LatentLab's choice for T < 50), the arrays as in Ho et
al.'s GaussianDiffusion.__init__, the DDPM step through x̂_0 as diffusers' DDPMScheduler.step and
the DDIM step as diffusers' DDIMScheduler.step (1-based t here; ᾱ_0 = 1).

    /usr/bin/python3 scripts/bench/check_ddpm_schedule.py in.json out.json

Exit 0 on success, 77 when NumPy is missing.
"""
import json
import math
import sys

try:
    import numpy as np
except ImportError as e:
    print(f"skipped: {e}")
    sys.exit(77)


def betas_for(kind, T, constant_beta):
    if kind == "constant":
        return np.full(T, constant_beta, dtype=np.float64)
    if kind == "linear":
        scale = 1000 / T
        return np.minimum(np.linspace(scale * 0.0001, scale * 0.02, T, dtype=np.float64), 0.999)
    if kind == "cosine":
        f = lambda t: math.cos((t + 0.008) / 1.008 * math.pi / 2) ** 2
        return np.array([min(1 - f((i + 1) / T) / f(i / T), 0.999) for i in range(T)])
    raise ValueError(kind)


def arrays(betas):
    alphas = 1.0 - betas
    alphas_cumprod = np.cumprod(alphas, axis=0)
    alphas_cumprod_prev = np.append(1.0, alphas_cumprod[:-1])
    posterior_variance = betas * (1.0 - alphas_cumprod_prev) / (1.0 - alphas_cumprod)
    return {
        "betas": betas,
        "alphas": alphas,
        "alphas_cumprod": alphas_cumprod,
        "alphas_cumprod_prev": alphas_cumprod_prev,
        "sqrt_alphas_cumprod": np.sqrt(alphas_cumprod),
        "sqrt_one_minus_alphas_cumprod": np.sqrt(1.0 - alphas_cumprod),
        "posterior_variance": posterior_variance,
        "posterior_log_variance_clipped": np.log(np.append(posterior_variance[1], posterior_variance[1:])),
        "posterior_mean_coef1": betas * np.sqrt(alphas_cumprod_prev) / (1.0 - alphas_cumprod),
        "posterior_mean_coef2": (1.0 - alphas_cumprod_prev) * np.sqrt(alphas) / (1.0 - alphas_cumprod),
    }


def ddpm_step(a, x, t, eps, z, variance_type):
    i = t - 1
    abar, abar_prev = a["alphas_cumprod"][i], a["alphas_cumprod_prev"][i]
    beta = a["betas"][i]
    x0 = (x - math.sqrt(1 - abar) * eps) / math.sqrt(abar)
    mean = (math.sqrt(abar_prev) * beta / (1 - abar)) * x0 + \
        (math.sqrt(1 - beta) * (1 - abar_prev) / (1 - abar)) * x
    if t == 1:
        return mean
    var = beta if variance_type == "fixed_large" else max((1 - abar_prev) / (1 - abar) * beta, 1e-20)
    return mean + math.sqrt(var) * z


def ddim_step(a, x, t, t_prev, eps, eta, z):
    abar = a["alphas_cumprod"][t - 1]
    abar_prev = a["alphas_cumprod"][t_prev - 1] if t_prev > 0 else 1.0
    x0 = (x - math.sqrt(1 - abar) * eps) / math.sqrt(abar)
    variance = (1 - abar_prev) / (1 - abar) * (1 - abar / abar_prev)
    std = eta * math.sqrt(variance)
    direction = math.sqrt(1 - abar_prev - std ** 2) * eps
    return math.sqrt(abar_prev) * x0 + direction + std * z


def main():
    with open(sys.argv[1]) as f:
        cases = json.load(f)["cases"]
    out = []
    for c in cases:
        a = arrays(betas_for(c["schedule"], c["T"], c.get("constant_beta", 0.01)))
        x, eps, z = (np.asarray(c[k], dtype=np.float64) for k in ("x", "eps", "z"))
        out.append({
            "arrays": {k: v.tolist() for k, v in a.items()},
            "ddpm_small": ddpm_step(a, x, c["t"], eps, z, "fixed_small").tolist(),
            "ddpm_large": ddpm_step(a, x, c["t"], eps, z, "fixed_large").tolist(),
            "ddim": ddim_step(a, x, c["t"], c["t_prev"], eps, c["eta"], z).tolist(),
        })
    with open(sys.argv[2], "w") as f:
        json.dump({"cases": out}, f)


if __name__ == "__main__":
    main()
