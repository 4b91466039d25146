package org.sde4j.brownian;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.sde.Require;

/**
 * Streaming Brownian increments with their space-time Lévy areas: per interval of length h and per
 * component, {@code ΔW = √h Z₁} and {@code H = √(h/12) Z₂} from two fresh standard normals (ΔW and H
 * are independent Gaussians; Foster, Lyons &amp; Oberhauser 2020). What an ensemble gives the SRA/SRI
 * schemes by default.
 *
 * <p>Like {@link StreamingBrownianIncrements} it stores nothing, so <b>it cannot be queried twice or
 * refined</b>: only consecutive intervals are accepted. Thread-confined.
 */
public final class StreamingLevyAreaIncrements implements SpaceTimeLevyAreaSource {
    private static final double INV_SQRT_12 = 1 / Math.sqrt(12);

    private final ContinuousSampler standardNormal;
    private final int dimension;
    private final double[] scratchW;
    private final double[] scratchH;
    private double next = Double.NaN;

    /**
     * @param standardNormal sampler of N(0, 1) (its generator is consumed: 2m draws per interval)
     * @param dimension      m
     */
    public StreamingLevyAreaIncrements(ContinuousSampler standardNormal, int dimension) {
        this.standardNormal = Require.nonNull("standardNormal", standardNormal);
        this.dimension = Require.positive("dimension", dimension);
        this.scratchW = new double[dimension];
        this.scratchH = new double[dimension];
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** {@code W_{s,t}} alone (the area is drawn and discarded, so the stream stays aligned). */
    @Override
    public void increment(double s, double t, double[] out) {
        spaceTimeLevyArea(s, t, out, scratchH);
    }

    @Override
    public void increments(double[] times, int from, int count, double[] out) {
        for (int k = 0; k < count; k++) {
            spaceTimeLevyArea(times[from + k], times[from + k + 1], scratchW, scratchH);
            System.arraycopy(scratchW, 0, out, k * dimension, dimension);
        }
    }

    /**
     * @throws IllegalArgumentException when {@code s} is not the end of the previous query, or {@code t <= s}
     */
    @Override
    public void spaceTimeLevyArea(double s, double t, double[] w, double[] h) {
        if (s != next && !Double.isNaN(next)) {
            throw new IllegalArgumentException("s = " + s + ": a streaming source answers consecutive intervals"
                    + " only, and the previous one ended at " + next + "; use a virtual Brownian tree or a refinable"
                    + " grid path to query an interval twice or refine it");
        }
        double length = t - s;
        if (!(length > 0)) {
            throw new IllegalArgumentException("t = " + t + ": must be greater than s = " + s);
        }
        double sqrt = Math.sqrt(length);
        for (int j = 0; j < dimension; j++) {
            w[j] = sqrt * standardNormal.sample();
            h[j] = sqrt * INV_SQRT_12 * standardNormal.sample();
        }
        next = t;
    }

    @Override
    public void spaceTimeLevyAreas(double[] times, int from, int count, double[] w, double[] h) {
        if (times[from] != next && !Double.isNaN(next)) {
            spaceTimeLevyArea(times[from], times[from + 1], w, h); // throws with the message above
        }
        int m = dimension;
        for (int k = 0; k < count; k++) {
            double length = times[from + k + 1] - times[from + k];
            if (!(length > 0)) {
                throw new IllegalArgumentException("t = " + times[from + k + 1] + ": must be greater than s = "
                        + times[from + k]);
            }
            double sqrt = Math.sqrt(length);
            for (int j = 0; j < m; j++) {
                w[k * m + j] = sqrt * standardNormal.sample();
                h[k * m + j] = sqrt * INV_SQRT_12 * standardNormal.sample();
            }
        }
        next = times[from + count];
    }
}
