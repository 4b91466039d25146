package org.sde4j.brownian;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.sde.Require;

/**
 * A Brownian path stored on the uniform grid {@code t_k = t0 + k δ}, {@code k = 0..n}, {@code δ = (t1 − t0)/n}.
 * Any interval between grid points can be queried, any number of times, in any order, and always gives
 * the same value; an increment over a coarse step of R fine steps is exactly the sum of the R fine
 * increments. This is what a strong-convergence study needs: one path, solved at several step sizes.
 *
 * <p>Queries between grid points are rejected (Brownian-bridge refinement is {@link RefinableGridPath}). Grid
 * times are matched with a relative tolerance of 1e-9 of δ, so {@code t0 + k * (R δ)} computed in
 * floating point finds its grid point.
 *
 * <p>Memory: (n + 1) m doubles. Immutable after construction, so it may be shared between threads.
 */
public final class GridBrownianPath implements BrownianSource {
    private static final double GRID_TOLERANCE = 1e-9;

    private final double t0;
    private final double t1;
    private final int steps;
    private final int dimension;
    private final double delta;
    /** W(t_k)_j at index k * dimension + j; W(t_0) = 0. */
    private final double[] values;

    private GridBrownianPath(double t0, double t1, int steps, int dimension, double[] values) {
        this.t0 = t0;
        this.t1 = t1;
        this.steps = steps;
        this.dimension = dimension;
        this.delta = (t1 - t0) / steps;
        this.values = values;
    }

    /**
     * Samples a path with {@code W(t0) = 0} and {@code steps} independent N(0, δ) increments per component.
     *
     * @param standardNormal sampler of N(0, 1) (consumed: steps × dimension draws, in time order)
     */
    public static GridBrownianPath sample(double t0, double t1, int steps, int dimension,
            ContinuousSampler standardNormal) {
        Require.timeSpan(t0, t1);
        Require.positive("steps", steps);
        Require.positive("dimension", dimension);
        Require.nonNull("standardNormal", standardNormal);
        double sqrtDelta = Math.sqrt((t1 - t0) / steps);
        double[] values = new double[(steps + 1) * dimension];
        for (int k = 1; k <= steps; k++) {
            int base = k * dimension;
            for (int j = 0; j < dimension; j++) {
                values[base + j] = values[base - dimension + j] + sqrtDelta * standardNormal.sample();
            }
        }
        return new GridBrownianPath(t0, t1, steps, dimension, values);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The number n of grid steps. */
    public int steps() {
        return steps;
    }

    /** The grid spacing δ. */
    public double gridStep() {
        return delta;
    }

    /** The start time t0. */
    public double startTime() {
        return t0;
    }

    /** The end time t1. */
    public double endTime() {
        return t1;
    }

    /**
     * Writes {@code out = W(t)} (with {@code W(t0) = 0}) at a grid time.
     *
     * @param out length m (modified)
     * @throws IllegalArgumentException when {@code t} is not a grid time
     */
    public void value(double t, double[] out) {
        int k = gridIndex("t", t);
        System.arraycopy(values, k * dimension, out, 0, dimension);
    }

    /**
     * @throws IllegalArgumentException when {@code s} or {@code t} is not a grid time, or {@code t <= s}
     */
    @Override
    public void increment(double s, double t, double[] out) {
        int a = gridIndex("s", s);
        int b = gridIndex("t", t);
        if (b <= a) {
            throw new IllegalArgumentException("t = " + t + ": must be greater than s = " + s);
        }
        int ia = a * dimension;
        int ib = b * dimension;
        for (int j = 0; j < dimension; j++) {
            out[j] = values[ib + j] - values[ia + j];
        }
    }

    /**
     * The increments over consecutive grid intervals; identical to successive {@link #increment} calls.
     *
     * @throws IllegalArgumentException when a time is not a grid time or the times do not increase
     */
    @Override
    public void increments(double[] times, int from, int count, double[] out) {
        int a = gridIndex("s", times[from]);
        for (int k = 0; k < count; k++) {
            int b = gridIndex("t", times[from + k + 1]);
            if (b <= a) {
                throw new IllegalArgumentException("t = " + times[from + k + 1] + ": must be greater than s = "
                        + times[from + k]);
            }
            int ia = a * dimension;
            int ib = b * dimension;
            for (int j = 0; j < dimension; j++) {
                out[k * dimension + j] = values[ib + j] - values[ia + j];
            }
            a = b;
        }
    }

    private int gridIndex(String name, double time) {
        double position = (time - t0) / delta;
        long k = Math.round(position);
        if (k < 0 || k > steps || Math.abs(position - k) > GRID_TOLERANCE * Math.max(1.0, Math.abs(position))) {
            throw new IllegalArgumentException(name + " = " + time + ": must be a point of the grid t0 + k·δ with t0 = "
                    + t0 + ", δ = " + delta + ", 0 ≤ k ≤ " + steps + " (refinement between grid points needs a"
                    + " bridge-refinable path)");
        }
        return (int) k;
    }
}
