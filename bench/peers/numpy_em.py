#!/usr/bin/env python3
"""sde4j's numpy peer: Euler-Maruyama on geometric Brownian motion, vectorised over paths.

    dX = mu X dt + sigma X dW,  X0 = 1,  T = 1,  mu = 0.05, sigma = 0.2

the workload of `bin/sde4j bench` (org.sde4j.cli EulerWorkloads), written the way a numpy user would write it
for speed: one array of paths, updated in place once per step, with the Gaussian increments drawn into a
preallocated buffer by numpy's default generator (PCG64 + Ziggurat). The second timing draws the same number
of normals alone, which bounds what any EM loop can reach.

Usage: python3 bench/peers/numpy_em.py [--em-only] [PATHS [STEPS [SEED]]]      (defaults 1000000 256 42)
Prints two lines that `bin/sde4j bench` parses: "... Msteps/s=X ..." and "... Msamples/s=Y"; with --em-only
only the first (the whole-process comparison of `bin/sde4j bench --cold` times exactly the EM solve). The mean is
printed to check the work: E X_T = exp(mu T) = 1.05127 (EM's own weak value differs by O(1/STEPS)).
"""
import sys
import time

import numpy as np

MU, SIGMA, X0, T = 0.05, 0.2, 1.0, 1.0


def euler_maruyama(paths: int, steps: int, rng: np.random.Generator) -> np.ndarray:
    dt = T / steps
    x = np.full(paths, X0)
    increment = np.empty(paths)
    for _ in range(steps):
        rng.standard_normal(out=increment)
        increment *= SIGMA * np.sqrt(dt)      # sigma dW
        increment += MU * dt                  # mu dt + sigma dW
        increment += 1.0
        x *= increment                        # X + mu X dt + sigma X dW
    return x


def normals_only(paths: int, steps: int, rng: np.random.Generator) -> None:
    buffer = np.empty(paths)
    for _ in range(steps):
        rng.standard_normal(out=buffer)


def main(argv):
    em_only = "--em-only" in argv
    argv = [a for a in argv if a != "--em-only"]
    paths = int(argv[1]) if len(argv) > 1 else 1_000_000
    steps = int(argv[2]) if len(argv) > 2 else 256
    seed = int(argv[3]) if len(argv) > 3 else 42
    if paths < 1 or steps < 1:
        sys.exit(f"numpy_em.py: PATHS = {paths} and STEPS = {steps} must both be at least 1")
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    x = euler_maruyama(paths, steps, rng)
    seconds = time.perf_counter() - start
    print(f"numpy {np.__version__} EM GBM paths={paths} steps={steps} seconds={seconds:.3f} "
          f"Msteps/s={paths * steps / seconds / 1e6:.1f} mean={x.mean():.5f}")
    if em_only:
        return
    start = time.perf_counter()
    normals_only(paths, steps, rng)
    seconds = time.perf_counter() - start
    print(f"numpy standard_normal alone: seconds={seconds:.3f} Msamples/s={paths * steps / seconds / 1e6:.1f}")


if __name__ == "__main__":
    main(sys.argv)
