#!/usr/bin/python3
"""Interleaved timing of one RBM epoch: `latentlab bench rbm` against scikit-learn 1.2's
BernoulliRBM (scripts/bench/sklearn_rbm.py, float32 and float64 input), on Fashion-MNIST's 60 000
training images, 784 → 256, batch 64 (issue 4, "Speed").

Other people's work shares this machine's cores, and a busy core changes every number here. So
each round first waits until the machine is idle (≥ --idle % of the CPU time idle over one second),
then runs LatentLab, scikit-learn float32 and scikit-learn float64 once each, and keeps the round
only if the machine was still idle right after it. Reported: the median and range of the kept
rounds, and the ratio of the medians.

    /usr/bin/python3 scripts/bench/rbm_speed.py --latentlab build/app/latentlab --rounds 5
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def idle_percent(seconds=1.0):
    def read():
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
        return v[3] + v[4], sum(v)
    i0, t0 = read()
    time.sleep(seconds)
    i1, t1 = read()
    return 100.0 * (i1 - i0) / max(1, t1 - t0)


def wait_idle(threshold, timeout):
    start = time.time()
    while time.time() - start < timeout:
        idle = idle_percent()
        if idle >= threshold:
            return idle
    return None


def ours(exe, threads):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        cmd = [exe, "bench", "rbm", "--dataset", "fashion-mnist", "--hidden", "256", "--batch", "64",
               "--epochs", "1", "--json", f.name] + (["--threads", str(threads)] if threads else [])
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        with open(f.name) as j:
            return json.load(j)["seconds_per_epoch"]


def sklearn(dtype):
    with tempfile.NamedTemporaryFile(suffix=".json") as f:
        subprocess.run(["/usr/bin/python3", os.path.join(HERE, "sklearn_rbm.py"), "--mode", "speed", "--repeats", "1",
                        "--dtype", dtype, "--json", f.name], check=True, stdout=subprocess.DEVNULL)
        with open(f.name) as j:
            return json.load(j)["speed"][0]["seconds_per_epoch"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--latentlab", required=True)
    ap.add_argument("--baseline", help="another latentlab executable (e.g. an older build) timed in the same rounds")
    ap.add_argument("--rounds", type=int, default=5, help="rounds to keep")
    ap.add_argument("--idle", type=float, default=95.0, help="idle %% required before and after a round")
    ap.add_argument("--timeout", type=float, default=1800, help="give up waiting for an idle machine (s)")
    ap.add_argument("--json", help="write the result here too")
    a = ap.parse_args()
    kept = {"latentlab 2 threads": [], "latentlab 1 thread": [], "scikit-learn float32": [], "scikit-learn float64": []}
    if a.baseline:
        kept.update({"baseline 2 threads": [], "baseline 1 thread": []})
    discarded = 0
    while len(kept["latentlab 2 threads"]) < a.rounds:
        before = wait_idle(a.idle, a.timeout)
        if before is None:
            sys.exit(f"the machine was never {a.idle:.0f} % idle for {a.timeout:.0f} s")
        load = os.getloadavg()[0]
        r = {"latentlab 2 threads": ours(a.latentlab, 0), "latentlab 1 thread": ours(a.latentlab, 1),
             "scikit-learn float32": sklearn("float32"), "scikit-learn float64": sklearn("float64")}
        if a.baseline:
            r.update({"baseline 2 threads": ours(a.baseline, 0), "baseline 1 thread": ours(a.baseline, 1)})
        after = idle_percent()
        ok = after >= a.idle
        print(f"round: idle before {before:.0f} %, after {after:.0f} %, load {load:.2f}: " +
              ", ".join(f"{k} {v:.3f} s" for k, v in r.items()) + ("" if ok else " — discarded"), file=sys.stderr)
        if not ok:
            discarded += 1
            continue
        for k, v in r.items():
            kept[k].append(v)
    summary = {k: {"median": statistics.median(v), "min": min(v), "max": max(v), "runs": v} for k, v in kept.items()}
    ours2 = summary["latentlab 2 threads"]["median"]
    for k, s in summary.items():
        print(f"{k}: median {s['median']:.3f} s [{s['min']:.3f}-{s['max']:.3f}]")
    for ref in ("scikit-learn float32", "scikit-learn float64"):
        print(f"LatentLab (2 threads) / {ref}: {ours2 / summary[ref]['median']:.3f}")
    print(f"{discarded} rounds discarded (machine busy)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"summary": summary, "discarded": discarded}, f, indent=2)


if __name__ == "__main__":
    main()
