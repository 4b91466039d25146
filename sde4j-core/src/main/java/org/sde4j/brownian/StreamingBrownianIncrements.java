package org.sde4j.brownian;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.sde.Require;

/**
 * Streaming Brownian increments: each query draws {@code ΔW = √(t − s) Z}, {@code Z ~ N(0, I_m)}, fresh
 * from a Gaussian sampler. O(1) memory and the fastest source, but <b>it cannot be queried twice or
 * refined</b>: nothing is stored, so asking for an interval again, or for a sub-interval, would give an
 * independent value and silently break the path. It therefore accepts only consecutive intervals
 * {@code [s_0, s_1], [s_1, s_2], ...} and throws on any other query. Use a stored path (for example
 * {@link GridBrownianPath}) when the same path is needed at several resolutions.
 *
 * <p>Thread-confined, like the sampler it draws from.
 */
public final class StreamingBrownianIncrements implements BrownianSource {
    private final ContinuousSampler standardNormal;
    private final int dimension;
    private double next = Double.NaN;
    private double lastLength = Double.NaN;
    private double lastSqrt = Double.NaN;

    /**
     * @param standardNormal sampler of N(0, 1) (its generator is consumed)
     * @param dimension      m
     */
    public StreamingBrownianIncrements(ContinuousSampler standardNormal, int dimension) {
        this.standardNormal = Require.nonNull("standardNormal", standardNormal);
        this.dimension = Require.positive("dimension", dimension);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /**
     * @throws IllegalArgumentException when {@code s} is not the end of the previous query, or {@code t <= s}
     */
    @Override
    public void increment(double s, double t, double[] out) {
        checkStart(s);
        double scale = sqrtLength(t - s, s, t);
        for (int j = 0; j < dimension; j++) {
            out[j] = scale * standardNormal.sample();
        }
        next = t;
    }

    /**
     * The increments over consecutive intervals, drawn in one loop; identical to successive
     * {@link #increment} calls.
     *
     * @throws IllegalArgumentException when {@code times[from]} is not the end of the previous query, or
     *                                  the times do not increase
     */
    @Override
    public void increments(double[] times, int from, int count, double[] out) {
        checkStart(times[from]);
        ContinuousSampler normal = standardNormal;
        int m = dimension;
        double length = lastLength;
        double scale = lastSqrt;
        for (int k = 0; k < count; k++) {
            double s = times[from + k];
            double t = times[from + k + 1];
            if (t - s != length) {
                length = t - s;
                scale = sqrtLength(length, s, t);
            }
            if (m == 1) {
                out[k] = scale * normal.sample();
            } else {
                for (int j = 0; j < m; j++) {
                    out[k * m + j] = scale * normal.sample();
                }
            }
        }
        next = times[from + count];
    }

    private void checkStart(double s) {
        if (s != next && !Double.isNaN(next)) {
            throw new IllegalArgumentException("s = " + s + ": a streaming source answers consecutive intervals"
                    + " only, and the previous one ended at " + next + "; use a stored Brownian path to query"
                    + " an interval twice or refine it");
        }
    }

    /** √length, cached for the next interval of the same length; rejects a non-positive length. */
    private double sqrtLength(double length, double s, double t) {
        if (length != lastLength) {
            if (!(length > 0)) {
                throw new IllegalArgumentException("t = " + t + ": must be greater than s = " + s);
            }
            lastLength = length;
            lastSqrt = Math.sqrt(length);
        }
        return lastSqrt;
    }
}
