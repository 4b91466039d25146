package org.sde4j.gradient;

import java.util.Arrays;

/**
 * The uniform time grid of a differentiated solve, {@code t_n = t0 + n (t1 − t0) / N}, n = 0, …, N, and the
 * steps whose states the loss reads (increasing, each in 1 … N). Every gradient method computes the grid
 * times by the same formula, so they query the same Brownian increments.
 */
public final class SolveGrid {
    private final double t0;
    private final double t1;
    private final int steps;
    private final int[] saved;

    private SolveGrid(double t0, double t1, int steps, int[] saved) {
        if (!(t1 > t0) || !Double.isFinite(t0) || !Double.isFinite(t1)) {
            throw new IllegalArgumentException("time span [" + t0 + ", " + t1 + "]: must be finite with t1 > t0");
        }
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + ": must be at least 1");
        }
        if (saved.length == 0) {
            throw new IllegalArgumentException("saved steps: none; the loss needs at least one");
        }
        for (int k = 0; k < saved.length; k++) {
            if (saved[k] < 1 || saved[k] > steps || (k > 0 && saved[k] <= saved[k - 1])) {
                throw new IllegalArgumentException("saved steps " + Arrays.toString(saved)
                        + ": must increase strictly, each in 1.." + steps);
            }
        }
        this.t0 = t0;
        this.t1 = t1;
        this.steps = steps;
        this.saved = saved.clone();
    }

    /** A grid whose loss reads the final state only. */
    public static SolveGrid terminal(double t0, double t1, int steps) {
        return new SolveGrid(t0, t1, steps, new int[] {steps});
    }

    /** A grid whose loss reads the states after the given steps. */
    public static SolveGrid saving(double t0, double t1, int steps, int... savedSteps) {
        return new SolveGrid(t0, t1, steps, savedSteps);
    }

    /** A grid of {@code steps} steps saving every {@code every}-th state ({@code every} divides steps). */
    public static SolveGrid savingEvery(double t0, double t1, int steps, int every) {
        if (every < 1 || steps % every != 0) {
            throw new IllegalArgumentException("every = " + every + ": must be positive and divide steps = " + steps);
        }
        int[] s = new int[steps / every];
        for (int k = 0; k < s.length; k++) {
            s[k] = (k + 1) * every;
        }
        return new SolveGrid(t0, t1, steps, s);
    }

    /** The time of grid point n. */
    public double time(int n) {
        return n == steps ? t1 : t0 + n * ((t1 - t0) / steps);
    }

    /** The number of steps N. */
    public int steps() {
        return steps;
    }

    /** The number of saved states K. */
    public int savedCount() {
        return saved.length;
    }

    /** The step index of saved state k. */
    public int savedStep(int k) {
        return saved[k];
    }

    /** The initial time. */
    public double t0() {
        return t0;
    }

    /** The final time. */
    public double t1() {
        return t1;
    }
}
