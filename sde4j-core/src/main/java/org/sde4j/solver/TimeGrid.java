package org.sde4j.solver;

import java.util.Arrays;
import org.sde4j.sde.Require;

/**
 * The times {@code t_0 < t_1 < ... < t_N} at which a fixed-step solve evaluates the state. Immutable.
 *
 * <p>{@link #uniform} divides {@code [t0, t1]} into N equal steps; {@link #withStepSize} takes steps of
 * size h and a shorter last step when h does not divide the span; {@link #including} inserts extra
 * times (for example times at which states must be saved) so that no step straddles them.
 */
public final class TimeGrid {
    private static final double SAME_TIME = 1e-12;

    private final double[] times;

    private TimeGrid(double[] times) {
        this.times = times;
    }

    /**
     * N equal steps over {@code [t0, t1]}; the last time is exactly {@code t1}.
     *
     * @throws IllegalArgumentException when {@code t1 <= t0} or {@code steps <= 0}
     */
    public static TimeGrid uniform(double t0, double t1, int steps) {
        Require.timeSpan(t0, t1);
        Require.positive("steps", steps);
        double[] times = new double[steps + 1];
        double h = (t1 - t0) / steps;
        for (int k = 0; k < steps; k++) {
            times[k] = t0 + k * h;
        }
        times[steps] = t1;
        return new TimeGrid(times);
    }

    /**
     * Steps of size {@code h} from {@code t0}; when h does not divide the span (to a relative 1e-9),
     * the last step is shorter and ends exactly at {@code t1}.
     *
     * @throws IllegalArgumentException when h is not finite and positive, or gives more than 2^31 − 2 steps
     */
    public static TimeGrid withStepSize(double t0, double t1, double h) {
        Require.timeSpan(t0, t1);
        Require.positive("dt", h);
        double ratio = (t1 - t0) / h;
        double rounded = Math.rint(ratio);
        double n = Math.abs(ratio - rounded) <= 1e-9 * Math.max(1, ratio) ? rounded : Math.ceil(ratio);
        if (n > Integer.MAX_VALUE - 2) {
            throw new IllegalArgumentException("dt = " + h + ": gives " + n + " steps over [" + t0 + ", " + t1
                    + "], more than " + (Integer.MAX_VALUE - 2));
        }
        int steps = (int) Math.max(1, n);
        if (rounded == n) {
            return uniform(t0, t1, steps);
        }
        double[] times = new double[steps + 1];
        for (int k = 0; k < steps; k++) {
            times[k] = t0 + k * h;
        }
        times[steps] = t1;
        return new TimeGrid(times);
    }

    /**
     * This grid with the given times inserted (times already on the grid, to a relative 1e-12 of the
     * span, are not duplicated).
     *
     * @throws IllegalArgumentException when a time lies outside {@code [t0, t1]} or is not finite
     */
    public TimeGrid including(double... extraTimes) {
        double t0 = startTime();
        double t1 = endTime();
        double[] merged = Arrays.copyOf(times, times.length + extraTimes.length);
        int n = times.length;
        for (double t : extraTimes) {
            Require.finite("save time", t);
            if (t < t0 - SAME_TIME * (t1 - t0) || t > t1 + SAME_TIME * (t1 - t0)) {
                throw new IllegalArgumentException("save time = " + t + ": must lie in [t0, t1] = [" + t0 + ", "
                        + t1 + "]");
            }
            if (indexOfOrMinusOne(t) < 0) {
                merged[n++] = t;
            }
        }
        if (n == times.length) {
            return this;
        }
        double[] result = Arrays.copyOf(merged, n);
        Arrays.sort(result);
        return new TimeGrid(result);
    }

    /** The number N of steps. */
    public int steps() {
        return times.length - 1;
    }

    /** The time {@code t_k}, {@code 0 <= k <= N}. */
    public double time(int k) {
        return times[k];
    }

    /** The size {@code t_{k+1} − t_k} of step k. */
    public double stepSize(int k) {
        return times[k + 1] - times[k];
    }

    /** {@code t_0}. */
    public double startTime() {
        return times[0];
    }

    /** {@code t_N}. */
    public double endTime() {
        return times[times.length - 1];
    }

    /** A copy of the grid times. */
    public double[] times() {
        return times.clone();
    }

    /**
     * The index k with {@code t_k = t} (to a relative 1e-12 of the span).
     *
     * @throws IllegalArgumentException when {@code t} is not a grid time
     */
    public int indexOf(double t) {
        int k = indexOfOrMinusOne(t);
        if (k < 0) {
            throw new IllegalArgumentException("t = " + t + ": is not a time of this grid (" + steps() + " steps over ["
                    + startTime() + ", " + endTime() + "]); build the grid with including(...)");
        }
        return k;
    }

    private int indexOfOrMinusOne(double t) {
        double tolerance = SAME_TIME * (endTime() - startTime());
        int k = Arrays.binarySearch(times, t);
        if (k >= 0) {
            return k;
        }
        int after = -k - 1;
        if (after < times.length && Math.abs(times[after] - t) <= tolerance) {
            return after;
        }
        if (after > 0 && Math.abs(times[after - 1] - t) <= tolerance) {
            return after - 1;
        }
        return -1;
    }
}
