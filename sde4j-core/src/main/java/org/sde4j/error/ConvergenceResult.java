package org.sde4j.error;

import java.util.Locale;

/**
 * The outcome of a convergence study: the error and its Monte Carlo standard error at each step size,
 * the fitted order with its 95 % interval ({@link OrderEstimate}), the declared order, and the cost
 * of each level — function evaluations per path and CPU time — for work–precision diagrams.
 * Immutable (accessors copy); {@link #report()} formats it as a table.
 */
public final class ConvergenceResult {
    private final String kind;
    private final String measure;
    private final String scheme;
    private final double theoreticalOrder;
    private final int[] steps;
    private final double[] dts;
    private final double[] errors;
    private final double[] standardErrors;
    private final long[] evaluations;
    private final double[] cpuSeconds;
    private final long paths;
    private final long seed;
    private final double seconds;
    private final OrderEstimate order;

    ConvergenceResult(String kind, String measure, String scheme, double theoreticalOrder, int[] steps, double[] dts,
            double[] errors, double[] standardErrors, long[] evaluations, double[] cpuSeconds, long paths, long seed,
            double seconds, OrderEstimate order) {
        this.kind = kind;
        this.measure = measure;
        this.scheme = scheme;
        this.theoreticalOrder = theoreticalOrder;
        this.steps = steps.clone();
        this.dts = dts.clone();
        this.errors = errors.clone();
        this.standardErrors = standardErrors.clone();
        this.evaluations = evaluations.clone();
        this.cpuSeconds = cpuSeconds.clone();
        this.paths = paths;
        this.seed = seed;
        this.seconds = seconds;
        this.order = order;
    }

    /** {@code "strong"} or {@code "weak"}. */
    public String kind() {
        return kind;
    }

    /** What the error measures, in words, for example {@code "E|X_N − X(T)| against the exact solution"}. */
    public String measure() {
        return measure;
    }

    /** The scheme's registry name. */
    public String scheme() {
        return scheme;
    }

    /** The order the scheme declares for this kind of error and this problem's noise. */
    public double theoreticalOrder() {
        return theoreticalOrder;
    }

    /** The number of steps per level. */
    public int[] steps() {
        return steps.clone();
    }

    /** The step sizes, decreasing. */
    public double[] dts() {
        return dts.clone();
    }

    /** The error per level; exactly 0 where the scheme is exact. */
    public double[] errors() {
        return errors.clone();
    }

    /** The Monte Carlo standard error of each error. */
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    /**
     * Function evaluations per path at each level: steps × (drift + diffusion evaluations per step, as
     * the scheme declares them).
     */
    public long[] evaluations() {
        return evaluations.clone();
    }

    /** CPU seconds spent solving each level, summed over threads (not reproducible: a measurement). */
    public double[] cpuSeconds() {
        return cpuSeconds.clone();
    }

    /** The number of paths. */
    public long paths() {
        return paths;
    }

    /** The root seed. */
    public long seed() {
        return seed;
    }

    /** The study's wall time, in seconds. */
    public double seconds() {
        return seconds;
    }

    /** The fitted order with its interval. */
    public OrderEstimate order() {
        return order;
    }

    /**
     * A readable table: Δt, steps, error, standard error, and the order between successive levels; then the
     * fitted order with its 95 % interval, the pairwise estimate and the declared order.
     */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s error of %s: %s; %d paths, seed %d%n", kind, scheme, measure, paths,
                seed));
        sb.append(String.format(Locale.ROOT, "%12s %7s %14s %11s %9s%n", "dt", "steps", "error", "stderr",
                "local q"));
        for (int l = 0; l < dts.length; l++) {
            String error = errors[l] == 0 ? "0 (exact)" : String.format(Locale.ROOT, "%.6g", errors[l]);
            String local = "—";
            if (l > 0 && errors[l] > 0 && errors[l - 1] > 0) {
                local = String.format(Locale.ROOT, "%.3f", Math.log(errors[l - 1] / errors[l]) / Math.log(dts[l - 1] / dts[l]));
            }
            sb.append(String.format(Locale.ROOT, "%12.6g %7d %14s %11.3g %9s%n", dts[l], steps[l], error,
                    standardErrors[l], local));
        }
        sb.append(String.format(Locale.ROOT, "fitted order %s (bootstrap over paths, %d resamples); declared %s%n",
                order, order.resamples(), theoreticalOrder));
        return sb.toString();
    }

    @Override
    public String toString() {
        return report();
    }
}
