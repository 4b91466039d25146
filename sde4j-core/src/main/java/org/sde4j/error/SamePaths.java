package org.sde4j.error;

import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.GridBrownianPath;
import org.sde4j.brownian.GridIteratedIntegrals;
import org.sde4j.brownian.LevyAreaMethod;
import org.sde4j.brownian.RefinableGridPath;
import org.sde4j.random.RandomStreams;
import org.sde4j.solver.NoiseSources;
import org.sde4j.solver.Scheme;

/**
 * The stored Brownian path of one path of a convergence study: sampled once on the fine grid, then
 * solved at every step size, so coarse increments are sums of fine ones. The kind of path follows from
 * what the schemes need: a {@link GridBrownianPath} for ΔW alone, a {@link RefinableGridPath} when a
 * scheme needs the space-time Lévy area (SRA/SRI), a {@link GridIteratedIntegrals} when one needs
 * iterated integrals of m ≥ 2 noises (general-noise Milstein; coarse integrals by Chen's relation), as
 * {@link NoiseSources#kind} decides. The stored path is of independent B; the studies apply the problem's noise
 * law to it ({@link NoiseSources#honouring}).
 */
final class SamePaths {
    private SamePaths() {
    }

    /**
     * @param schemes the schemes the path must serve (nulls ignored)
     * @throws IllegalArgumentException when one scheme needs Lévy area and another iterated integrals
     */
    static BrownianSource sample(double t0, double t1, int fine, int m, long seed, long path, Scheme... schemes) {
        switch (NoiseSources.kind(m, schemes)) {
            case SPACE_TIME_LEVY_AREA:
                return RefinableGridPath.sample(t0, t1, fine, m, 0, seed, path);
            case ITERATED_INTEGRALS:
                double h = (t1 - t0) / fine;
                return GridIteratedIntegrals.sample(t0, t1, fine, m, LevyAreaMethod.WIKTORSSON,
                        LevyAreaMethod.WIKTORSSON.termsForStepSize(m, h), RandomStreams.gaussian(seed, path));
            default:
                return GridBrownianPath.sample(t0, t1, fine, m, RandomStreams.gaussian(seed, path));
        }
    }

    /** {@code out = W(t) − W(t0)} on a stored path. */
    static void value(BrownianSource w, double t0, double t, double[] out) {
        if (t == t0) {
            java.util.Arrays.fill(out, 0.0);
        } else {
            w.increment(t0, t, out);
        }
    }
}
