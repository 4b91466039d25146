package org.sde4j.solver;

import java.util.Arrays;
import org.sde4j.sde.Require;

/**
 * The times {@code t_0 < t_1 < ... < t_N} at which a fixed-step solve evaluates the state. Immutable.
 *
 * <p>{@link #uniform} divides {@code [t0, t1]} into N equal steps; {@link #withStepSize} takes steps of
 * size h and a shorter last step when h does not divide the span; {@link #including} inserts extra
 * times (for example times at which states must be saved) so that no step straddles them.
 *
 * <p>A uniform grid stores no array: {@code t_k = t0 + k·h} with {@code h = (t1 − t0)/N} and
 * {@code t_N = t1}, computed on demand (the same bits an array would hold), so {@code uniform(0, 1, 2_000_000_000)}
 * costs nothing until a solver asks for the grid as an array; that array is built once, after checking it
 * fits in memory ({@link Require#memory}), and shared by every solver on this grid. Thread-safe.
 */
public final class TimeGrid {
    private static final double SAME_TIME = 1e-12;

    private final int steps;
    private final double t0;
    private final double t1;
    /** The step of a uniform grid; NaN for a grid held as an array. */
    private final double uniformStep;
    /** The times; for a uniform grid null until {@link #sharedTimes()} builds them. */
    private volatile double[] times;

    private TimeGrid(double[] times) {
        this.times = times;
        this.steps = times.length - 1;
        this.t0 = times[0];
        this.t1 = times[steps];
        this.uniformStep = Double.NaN;
    }

    private TimeGrid(double t0, double t1, int steps) {
        this.steps = steps;
        this.t0 = t0;
        this.t1 = t1;
        this.uniformStep = (t1 - t0) / steps;
    }

    /**
     * N equal steps over {@code [t0, t1]}; the last time is exactly {@code t1}.
     *
     * @throws IllegalArgumentException when {@code t1 <= t0} or {@code steps <= 0}
     */
    public static TimeGrid uniform(double t0, double t1, int steps) {
        Require.timeSpan(t0, t1);
        Require.positive("steps", steps);
        if (steps == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("steps = " + steps + ": at most " + (Integer.MAX_VALUE - 1));
        }
        return new TimeGrid(t0, t1, steps);
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
        Require.memory("dt = " + h + ": the time grid (" + steps + " steps)", Require.bytesOf(steps + 1L, 8, 1));
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
        double[] extra = new double[extraTimes.length];
        int n = 0;
        for (double t : extraTimes) {
            Require.finite("save time", t);
            if (t < t0 - SAME_TIME * (t1 - t0) || t > t1 + SAME_TIME * (t1 - t0)) {
                throw new IllegalArgumentException("save time = " + t + ": must lie in [t0, t1] = [" + t0 + ", "
                        + t1 + "]");
            }
            if (indexOfOrMinusOne(t) < 0) {
                extra[n++] = t;
            }
        }
        if (n == 0) {
            return this;
        }
        Require.memory("steps = " + steps + ": the time grid with " + n + " extra times",
                Require.bytesOf(2L * (steps + 1L) + n, 8, 1));
        double[] merged = new double[steps + 1 + n];
        for (int k = 0; k <= steps; k++) {
            merged[k] = time(k);
        }
        System.arraycopy(extra, 0, merged, steps + 1, n);
        Arrays.sort(merged);
        return new TimeGrid(merged);
    }

    /** The number N of steps. */
    public int steps() {
        return steps;
    }

    /** The time {@code t_k}, {@code 0 <= k <= N}. */
    public double time(int k) {
        if (Double.isNaN(uniformStep)) {
            return times[k];
        }
        if (k < 0 || k > steps) {
            throw new ArrayIndexOutOfBoundsException("Index " + k + " out of bounds for length " + (steps + 1));
        }
        return k == steps ? t1 : t0 + k * uniformStep;
    }

    /** The size {@code t_{k+1} − t_k} of step k. */
    public double stepSize(int k) {
        return time(k + 1) - time(k);
    }

    /** {@code t_0}. */
    public double startTime() {
        return t0;
    }

    /** {@code t_N}. */
    public double endTime() {
        return t1;
    }

    /**
     * A copy of the grid times.
     *
     * @throws IllegalArgumentException when N + 1 doubles do not fit in memory
     */
    public double[] times() {
        double[] shared = sharedTimes();
        Require.memory("a copy of the time grid (" + shared.length + " times)", Require.bytesOf(shared.length, 8, 1));
        return shared.clone();
    }

    /**
     * The grid times as one array shared by every caller on this grid (solvers read it, never write it);
     * built on first use for a uniform grid.
     *
     * @throws IllegalArgumentException when N + 1 doubles do not fit in memory
     */
    public double[] sharedTimes() {
        double[] t = times;
        if (t == null) {
            synchronized (this) {
                t = times;
                if (t == null) {
                    Require.memory("steps = " + steps + ": the time grid (" + (steps + 1L) + " times)",
                            Require.bytesOf(steps + 1L, 8, 1));
                    t = new double[steps + 1];
                    for (int k = 0; k <= steps; k++) {
                        t[k] = time(k);
                    }
                    times = t;
                }
            }
        }
        return t;
    }

    /**
     * The bytes a solver on this grid still has to allocate for the grid's array (8 per time): 0 once
     * built, or for a grid held as an array from the start. For memory checks before a run.
     */
    public long bytesToShare() {
        return times != null ? 0 : (steps + 1L) * 8;
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
        int low = 0;
        int high = steps;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            double tm = time(mid);
            if (tm < t) {
                low = mid + 1;
            } else if (tm > t) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        int after = low;
        if (after <= steps && Math.abs(time(after) - t) <= tolerance) {
            return after;
        }
        if (after > 0 && Math.abs(time(after - 1) - t) <= tolerance) {
            return after - 1;
        }
        return -1;
    }
}
