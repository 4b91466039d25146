package org.sde4j.error;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.ChunkRunner;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.Require;

/**
 * Orders of convergence from errors at several step sizes.
 *
 * <ul>
 * <li>{@link #leastSquaresSlope}: the slope of the least-squares line through {@code (log Δt, log error)}
 *     (Higham 2001).</li>
 * <li>{@link #pairwiseOrder}: the mean of {@code log(e_k / e_{k+1}) / log(Δt_k / Δt_{k+1})} over successive
 *     levels (DiffEqDevTools' estimate when Δt halves).</li>
 * <li>{@link #estimate}: both, with a 95 % bootstrap percentile interval for the slope, resampling whole
 *     paths (so the correlation between levels of one path is kept), reproducible from a seed for any
 *     thread count. Levels with an error of exactly zero are left out of the fit and reported.</li>
 * </ul>
 */
public final class OrderFit {
    /** Paths of resamples per reproducible chunk of the bootstrap. */
    private static final int CHUNK = 16;
    /** Mixed into the study's seed so bootstrap streams differ from the paths' streams. */
    private static final long BOOTSTRAP_SALT = 0x5deb0075L;

    private OrderFit() {
    }

    /**
     * @param dts    step sizes, at least 2, positive
     * @param errors errors, same length, positive
     * @return the least-squares slope of log error against log Δt
     */
    public static double leastSquaresSlope(double[] dts, double[] errors) {
        check(dts, errors);
        int n = dts.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += Math.log(dts[i]);
            my += Math.log(errors[i]);
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            double dx = Math.log(dts[i]) - mx;
            sxy += dx * (Math.log(errors[i]) - my);
            sxx += dx * dx;
        }
        return sxy / sxx;
    }

    /** The mean of the orders between successive levels. */
    public static double pairwiseOrder(double[] dts, double[] errors) {
        check(dts, errors);
        double sum = 0;
        for (int i = 0; i + 1 < dts.length; i++) {
            sum += Math.log(errors[i] / errors[i + 1]) / Math.log(dts[i] / dts[i + 1]);
        }
        return sum / (dts.length - 1);
    }

    /**
     * The fitted order with its bootstrap interval.
     *
     * @param dts       step sizes per level
     * @param estimator the study's per-path samples
     * @param resamples bootstrap resamples (0: no interval)
     * @param seed      the bootstrap's seed
     * @param threads   threads (the result does not depend on them)
     */
    static OrderEstimate estimate(double[] dts, ErrorEstimator estimator, int resamples, long seed, int threads) {
        return estimate(dts, estimator, resamples, seed, threads, null);
    }

    /**
     * The same, the bootstrap's resamples run on {@code executor} by the {@link ChunkRunner}, in chunks of
     * {@value #CHUNK} resamples (null: a pool of at most {@code threads} daemon threads for this call). Resample r draws its rows from
     * {@link RandomStreams#stream RandomStreams.stream(seed ⊕ salt, r)}, so neither the threads nor the executor
     * change the result.
     */
    static OrderEstimate estimate(double[] dts, ErrorEstimator estimator, int resamples, long seed, int threads,
            java.util.concurrent.Executor executor) {
        int levels = estimator.levels();
        double[] errors = new double[levels];
        estimator.estimate(null, errors, null);
        boolean[] used = new boolean[levels];
        int usedCount = 0;
        int[] zero = new int[levels];
        int zeros = 0;
        for (int l = 0; l < levels; l++) {
            used[l] = errors[l] > 0 && Double.isFinite(errors[l]);
            usedCount += used[l] ? 1 : 0;
            if (errors[l] == 0) {
                zero[zeros++] = l;
            }
        }
        int[] zeroLevels = Arrays.copyOf(zero, zeros);
        if (usedCount < 2) {
            return new OrderEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, zeroLevels);
        }
        double order = slope(dts, errors, used);
        double pairwise = pairwise(dts, errors, used);
        if (resamples <= 0) {
            return new OrderEstimate(order, Double.NaN, Double.NaN, pairwise, 0, zeroLevels);
        }
        int n = estimator.paths();
        long bootSeed = seed ^ BOOTSTRAP_SALT;
        ChunkPlan<double[], double[][]> bootstrap = new ChunkPlan<>() {
            @Override
            public long chunkCount() {
                return (resamples + CHUNK - 1) / CHUNK;
            }

            @Override
            public String identity() {
                return "bootstrap of " + resamples + " resamples of " + n + " paths, seed " + seed;
            }

            @Override
            public Worker<double[]> newWorker() {
                int[] rows = new int[n];
                double[] e = new double[levels];
                return chunk -> {
                    long first = chunk * CHUNK;
                    double[] slopes = new double[(int) Math.min(CHUNK, resamples - first)];
                    for (int i = 0; i < slopes.length; i++) {
                        UniformRandomProvider rng = RandomStreams.stream(bootSeed, first + i);
                        for (int k = 0; k < n; k++) {
                            rows[k] = rng.nextInt(n);
                        }
                        estimator.estimate(rows, e, null);
                        boolean ok = true;
                        for (int l = 0; l < levels; l++) {
                            ok &= !used[l] || (e[l] > 0 && Double.isFinite(e[l]));
                        }
                        slopes[i] = ok ? slope(dts, e, used) : Double.NaN;
                    }
                    return slopes;
                };
            }

            @Override
            public Fold<double[], double[][]> newFold() {
                double[][] chunks = new double[(int) chunkCount()][];
                return new Fold<>() {
                    @Override
                    public void add(long chunk, double[] part) {
                        chunks[(int) chunk] = part;
                    }

                    @Override
                    public double[][] result(double seconds) {
                        return chunks;
                    }
                };
            }
        };
        double[][] chunks = ChunkRunner.run(bootstrap, threads, executor);
        double[] all = Arrays.stream(chunks).flatMapToDouble(Arrays::stream).filter(Double::isFinite).sorted().toArray();
        if (all.length < 2) {
            return new OrderEstimate(order, Double.NaN, Double.NaN, pairwise, all.length, zeroLevels);
        }
        return new OrderEstimate(order, quantile(all, 0.025), quantile(all, 0.975), pairwise, all.length, zeroLevels);
    }

    /** The sample quantile of sorted values, linear interpolation between order statistics (Hyndman–Fan type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double slope(double[] dts, double[] errors, boolean[] used) {
        double mx = 0;
        double my = 0;
        int n = 0;
        for (int i = 0; i < dts.length; i++) {
            if (used[i]) {
                mx += Math.log(dts[i]);
                my += Math.log(errors[i]);
                n++;
            }
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < dts.length; i++) {
            if (used[i]) {
                double dx = Math.log(dts[i]) - mx;
                sxy += dx * (Math.log(errors[i]) - my);
                sxx += dx * dx;
            }
        }
        return sxy / sxx;
    }

    private static double pairwise(double[] dts, double[] errors, boolean[] used) {
        double sum = 0;
        int pairs = 0;
        int previous = -1;
        for (int i = 0; i < dts.length; i++) {
            if (!used[i]) {
                continue;
            }
            if (previous >= 0) {
                sum += Math.log(errors[previous] / errors[i]) / Math.log(dts[previous] / dts[i]);
                pairs++;
            }
            previous = i;
        }
        return sum / pairs;
    }

    private static void check(double[] dts, double[] errors) {
        Require.nonNull("dts", dts);
        Require.nonNull("errors", errors);
        if (dts.length < 2 || dts.length != errors.length) {
            throw new IllegalArgumentException("dts has length " + dts.length + " and errors " + errors.length
                    + ": need at least 2 step sizes and one error per step size");
        }
        for (int i = 0; i < dts.length; i++) {
            Require.positive("dts[" + i + "]", dts[i]);
            if (!(errors[i] > 0) || !Double.isFinite(errors[i])) {
                throw new IllegalArgumentException("errors[" + i + "] = " + errors[i]
                        + ": must be finite and > 0 to enter a log-log fit (a zero error means the scheme is"
                        + " exact at that step size)");
            }
        }
    }
}
