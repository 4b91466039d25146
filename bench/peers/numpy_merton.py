#!/usr/bin/env python3
"""sde4j's numpy peer for a Merton jump-diffusion ensemble (issue 30), vectorised over paths.

    dS = (r - lam kappa) S dt + sigma S dW + S- (e^xi - 1) dN,   xi ~ N(m, s^2),  kappa = e^{m + s^2/2} - 1
    S0 = 100, r = 0.05, sigma = 0.2, lam = 1, m = -0.1, s = 0.15, T = 1

written the way a numpy user would write it for speed: Euler-Maruyama on a regular grid, one array of paths
updated in place per step, with the jumps of each step added at its end. The number of jumps in a step is
Poisson(lam dt) and the sum of their marks is N(n m, n s^2), both drawn for all paths at once. sde4j's
JumpEnsemble instead puts the jump times on the grid (jump-adapted), path by path. The two solve the same
model with the same number of regular steps. E[S_T] = S0 e^{rT} = 105.127 (EM's own weak value differs by
O(1/STEPS)).

Usage: python3 bench/peers/numpy_merton.py [PATHS [STEPS [SEED]]]      (defaults 1000000 256 42)
"""
import math
import sys
import time

import numpy as np

S0, R, SIGMA, LAM, M, S, T = 100.0, 0.05, 0.2, 1.0, -0.1, 0.15, 1.0


def merton_em(paths: int, steps: int, rng: np.random.Generator) -> np.ndarray:
    dt = T / steps
    kappa = math.exp(M + 0.5 * S * S) - 1
    x = np.full(paths, S0)
    factor = np.empty(paths)
    marks = np.empty(paths)
    for _ in range(steps):
        rng.standard_normal(out=factor)
        factor *= SIGMA * math.sqrt(dt)
        factor += 1.0 + (R - LAM * kappa) * dt
        x *= factor
        n = rng.poisson(LAM * dt, size=paths)
        jumped = np.nonzero(n)[0]
        if jumped.size:
            k = n[jumped]
            marks = rng.standard_normal(jumped.size) * (S * np.sqrt(k)) + M * k
            x[jumped] *= np.exp(marks)
    return x


def main(argv):
    paths = int(argv[1]) if len(argv) > 1 else 1_000_000
    steps = int(argv[2]) if len(argv) > 2 else 256
    seed = int(argv[3]) if len(argv) > 3 else 42
    if paths < 1 or steps < 1:
        sys.exit(f"numpy_merton.py: PATHS = {paths} and STEPS = {steps} must both be at least 1")
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    x = merton_em(paths, steps, rng)
    seconds = time.perf_counter() - start
    print(f"numpy {np.__version__} EM Merton paths={paths} steps={steps} seconds={seconds:.3f} "
          f"Msteps/s={paths * steps / seconds / 1e6:.1f} mean={x.mean():.4f} "
          f"se={x.std(ddof=1) / math.sqrt(paths):.4f}")


if __name__ == "__main__":
    main(sys.argv)
