#!/usr/bin/env python3
"""Training speed against the one-core limit, measured in one run.

    bench/speed.py [RUNNER] [PEER]

1. The limit: the peak of a one-core float32 matrix product (numpy, 1536 x
   1536, best of 10), under each OpenBLAS kernel family numpy's OpenBLAS can
   use on this CPU, since numpy's own choice may not be this CPU's fastest.
   The best is the peak; an example's limit is peak / FLOP per example.
2. `runner bench` for each network, batch and kernel variant this CPU runs.
3. Nielsen's algorithm in vectorised numpy (PEER), when present.

Then one table: examples/s, the share of the limit, and the ratios the
project holds itself to. Speed is printed, never asserted.
"""
import os
import re
import subprocess
import sys

RUNNER = sys.argv[1] if len(sys.argv) > 1 else ".build/release/runner"
PEER = sys.argv[2] if len(sys.argv) > 2 else "../shared/peers/nielsen_numpy.py"

MATMUL = """
import time, numpy as np
n = 1536
rng = np.random.default_rng(1)
a = rng.random((n, n), dtype=np.float32)
b = rng.random((n, n), dtype=np.float32)
a @ b
times = []
for _ in range(10):
    start = time.perf_counter()
    a @ b
    times.append(time.perf_counter() - start)
print("GFLOP/s", 2 * n ** 3 / min(times) / 1e9)
print("numpy", np.__version__)
"""


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def matmul_peak(coretype):
    """GFLOP/s and the kernel family OpenBLAS reports, or None without numpy."""
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OPENBLAS_VERBOSE="2")
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    done = subprocess.run([sys.executable, "-c", MATMUL], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        return None
    core = re.search(r"^Core: (\S+)", done.stdout + done.stderr, re.M)
    gflops = float(re.search(r"^GFLOP/s (\S+)", done.stdout, re.M).group(1))
    version = re.search(r"^numpy (\S+)", done.stdout, re.M).group(1)
    return gflops, core.group(1) if core else "its BLAS", version


def runner_bench(variant, layers, batch, examples=50_000, repeat=5, cost="quadratic", eta="3.0"):
    env = dict(os.environ, RUNNER_KERNELS=variant)
    arguments = [RUNNER, "bench", "--layers", layers, "--batch", str(batch),
                 "--examples", str(examples), "--repeat", str(repeat), "--cost", cost, "--eta", eta]
    done = subprocess.run(arguments, env=env, capture_output=True, text=True, check=True)
    flops = int(re.search(r"(\d+) FLOP/example", done.stdout).group(1))
    rate = float(re.search(r"^examples/s: (\d+)", done.stdout, re.M).group(1))
    return rate, flops


def peer_rate():
    if not os.path.exists(PEER):
        return None
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    env.pop("OPENBLAS_CORETYPE", None)
    env.pop("OPENBLAS_L2_SIZE", None)
    done = subprocess.run([sys.executable, PEER, "--vectorized", "--dtype", "float32", "--epochs", "6"],
                          env=env, capture_output=True, text=True)
    found = re.search(r"^examples/s\D*([\d.]+)", done.stdout, re.M)
    return float(found.group(1)) if done.returncode == 0 and found else None


def main():
    flags = cpu_flags()
    variants = [v for v, needs in (("avx512", {"avx512f"}), ("avx2", {"avx2", "fma"}), ("portable", set()))
                if needs <= flags]
    # Every kernel family numpy's OpenBLAS has for this CPU's instruction sets.
    families = [None, "Haswell"] if "avx2" in flags else [None]
    if "avx512f" in flags:
        families.append("SkylakeX")

    print("== one-core float32 matmul, 1536 x 1536, best of 10 (numpy, OPENBLAS_NUM_THREADS=1)")
    peaks = []
    for family in families:
        measured = matmul_peak(family)
        if measured is None:
            print("numpy is missing: pip install numpy (or apt-get install python3-numpy); no limit to compare with")
            break
        gflops, core, version = measured
        how = f"OPENBLAS_CORETYPE={family}" if family else "numpy's own choice"
        print(f"numpy {version}, OpenBLAS {core} ({how}): {gflops:.1f} GFLOP/s")
        peaks.append(gflops)
    peak = max(peaks) if peaks else None
    if peak:
        print(f"peak: {peak:.1f} GFLOP/s, the best of these")

    cases = [("[784,30,10]", "784,30,10", 10), ("[784,30,10]", "784,30,10", 1), ("[784,100,10]", "784,100,10", 10)]
    rows = []
    print("== runner bench, one thread, real MNIST, median of 5 passes of 50,000 examples "
          "(portable: 3 passes of 5,000)")
    for variant in variants:
        for name, layers, batch in cases:
            if variant == "portable":
                if batch != 10 or name != "[784,30,10]":
                    continue
                rate, flops = runner_bench(variant, layers, batch, examples=5_000, repeat=3)
            else:
                rate, flops = runner_bench(variant, layers, batch)
            rows.append((variant, name, batch, rate, flops))

    # The chapter-3 costs, each measured right after its quadratic baseline, alternately, so
    # that a change in the machine's load falls on both alike; at Nielsen's chapter-3 eta.
    cost_rows = []
    print("== the costs, [784,30,10] batch 10, eta 0.5, kernels " + variants[0]
          + ": quadratic, then each other cost, 3 times")
    for cost in ("cross_entropy", "log_likelihood"):
        ratios = []
        for _ in range(3):
            quadratic, _ = runner_bench(variants[0], "784,30,10", 10, eta="0.5")
            other, _ = runner_bench(variants[0], "784,30,10", 10, cost=cost, eta="0.5")
            ratios.append(quadratic / other)
        cost_rows.append((cost, sorted(ratios)[1]))

    peer = peer_rate()

    header = f"{'kernels':<9} {'network':<13} {'batch':>5} {'examples/s':>11} {'FLOP/ex':>8} {'limit':>11} {'of limit':>9}"
    print(header)
    for variant, name, batch, rate, flops in rows:
        limit = peak * 1e9 / flops if peak else None
        share = f"{100 * rate / limit:8.1f}%" if limit else "        -"
        limit_text = f"{limit:11,.0f}" if limit else "          -"
        print(f"{variant:<9} {name:<13} {batch:>5} {rate:>11,.0f} {flops:>8,} {limit_text} {share}")
    if peer:
        print(f"{'numpy':<9} {'[784,30,10]':<13} {10:>5} {peer:>11,.0f}   (Nielsen's algorithm vectorised, {PEER})")

    def rate_of(variant, name, batch):
        return next((r for v, n, b, r, _ in rows if (v, n, b) == (variant, name, batch)), None)

    best = variants[0]
    b10 = rate_of(best, "[784,30,10]", 10)
    b1 = rate_of(best, "[784,30,10]", 1)
    h100 = rate_of(best, "[784,100,10]", 10)
    print(f"== against the targets ({best} kernels)")
    if peak:
        print(f"[784,30,10] batch 10: {100 * b10 * 95_880 / (peak * 1e9):.1f}% of its limit (target: at least 75%)")
        print(f"[784,100,10] batch 10: {100 * h100 * 319_600 / (peak * 1e9):.1f}% of its limit (target: at least 80%)")
    print(f"[784,30,10] batch 1: {100 * b1 / b10:.1f}% of batch 10 (target: at least 40%)")
    if "avx2" in variants and best == "avx512":
        avx2 = rate_of("avx2", "[784,30,10]", 10)
        print(f"avx2 against avx512, [784,30,10] batch 10: {100 * avx2 / b10:.1f}% (target: at least 60%)")
    if peer:
        print(f"against the numpy peer, [784,30,10] batch 10: {b10 / peer:.2f}x (target: at least 3x)")
    for cost, ratio in cost_rows:
        print(f"{cost}, [784,30,10] batch 10: {100 * ratio:.1f}% of quadratic's time per example, "
              f"median of 3 pairs (limit: at most 110%)")


if __name__ == "__main__":
    main()
