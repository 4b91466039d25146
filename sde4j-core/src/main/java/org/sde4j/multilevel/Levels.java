package org.sde4j.multilevel;

import org.sde4j.sde.Require;

/**
 * The step sizes of the levels: level ℓ takes {@code n_ℓ = M₀ M^ℓ} steps of {@code h_ℓ = T / n_ℓ}, and its coarse
 * partner {@code n_{ℓ−1} = n_ℓ / M}.
 *
 * @param coarsestSteps M₀, the steps of level 0 (at least 1)
 * @param factor        M, the refinement factor (at least 2; Giles' analysis takes M = 2 or 4)
 */
public record Levels(int coarsestSteps, int factor) {
    /** M₀ = 1, M = 2. */
    public static final Levels DEFAULT = new Levels(1, 2);

    /** Checks the arguments. */
    public Levels {
        Require.positive("coarsestSteps", coarsestSteps);
        if (factor < 2) {
            throw new IllegalArgumentException("factor = " + factor + ": the refinement factor M must be at least 2");
        }
    }

    /**
     * The steps of level ℓ.
     *
     * @throws IllegalArgumentException when ℓ is negative or n_ℓ would exceed 2³⁰
     */
    public int steps(int level) {
        if (level < 0) {
            throw new IllegalArgumentException("level = " + level + ": must be at least 0");
        }
        long n = coarsestSteps;
        for (int l = 0; l < level; l++) {
            n *= factor;
            if (n > (1 << 30)) {
                throw new IllegalArgumentException("level = " + level + ": " + coarsestSteps + "·" + factor + "^"
                        + level + " steps exceed 2^30");
            }
        }
        return (int) n;
    }

    /** The modelled cost of one sample of level ℓ in steps: {@code n_ℓ (1 + 1/M)}, or n_0 at level 0. */
    public double cost(int level) {
        return level == 0 ? steps(0) : steps(level) * (1 + 1.0 / factor);
    }
}
