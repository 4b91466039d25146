package org.sde4j.error;

import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.sde.Require;

/**
 * Weak two-point increments {@code ΔW_j = ±√h}, each sign with probability ½, independent over steps
 * and components: they match the first three moments of {@code N(0, h)}, which is all a weak order-1
 * scheme needs (Kloeden &amp; Platen 1992, (14.1.8); Higham 2001, emweak). <b>Not a Brownian path</b>:
 * streaming, consecutive intervals only, and no two resolutions of one path exist; a weak study with
 * these increments draws each level's increments from the path's own stream.
 *
 * <p>Thread-confined, like its generator.
 */
public final class TwoPointIncrements implements BrownianSource {
    private final UniformRandomProvider rng;
    private final int dimension;
    private double next = Double.NaN;

    /**
     * @param rng       the generator (consumed: one bit per component per step)
     * @param dimension m
     */
    public TwoPointIncrements(UniformRandomProvider rng, int dimension) {
        this.rng = Require.nonNull("rng", rng);
        this.dimension = Require.positive("dimension", dimension);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** @throws IllegalArgumentException when {@code s} is not the end of the previous interval, or {@code t <= s} */
    @Override
    public void increment(double s, double t, double[] out) {
        if (s != next && !Double.isNaN(next)) {
            throw new IllegalArgumentException("s = " + s + ": two-point increments answer consecutive intervals only;"
                    + " the previous one ended at " + next);
        }
        if (!(t > s)) {
            throw new IllegalArgumentException("t = " + t + ": must be greater than s = " + s);
        }
        double root = Math.sqrt(t - s);
        for (int j = 0; j < dimension; j++) {
            out[j] = rng.nextBoolean() ? root : -root;
        }
        next = t;
    }
}
