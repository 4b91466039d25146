package org.sde4j.error;

import java.util.Arrays;
import java.util.Locale;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.ensemble.ParallelPaths;
import org.sde4j.ensemble.RunningStatistics;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.PathSolver;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.TimeGrid;

/**
 * The strong error {@code E|X_N − X(T)|} of a scheme at several step sizes, each path solved at every
 * step size on the same Brownian path and compared with the exact solution on that path
 * (Higham 2001, {@code emstrong}).
 *
 * <p>Path p samples a stored path ({@link SamePaths}) with {@code fineSteps} steps from stream p of the seed;
 * level ℓ solves with {@code fineSteps / R_ℓ} steps, whose increments are sums of {@code R_ℓ} fine ones.
 * The error of a path is the Euclidean norm {@code |X_N − X(T)|}; the study reports its mean over paths
 * and the standard error of that mean, per level. Parallel over paths and bit-reproducible by seed.
 */
public final class StrongErrorStudy {
    private final double[] dts;
    private final double[] errors;
    private final double[] standardErrors;
    private final long paths;

    private StrongErrorStudy(double[] dts, double[] errors, double[] standardErrors, long paths) {
        this.dts = dts;
        this.errors = errors;
        this.standardErrors = standardErrors;
        this.paths = paths;
    }

    /**
     * Runs the study.
     *
     * @param problem    the problem, on {@code [t0, T]}
     * @param exact      its exact solution as a function of {@code (t, W_t)}
     * @param scheme     the scheme
     * @param fineSteps  steps of the Brownian grid; every coarsening factor must divide it
     * @param coarsening factors {@code R_ℓ} (steps of size {@code R_ℓ δ}), at least two, increasing
     * @param paths      number of paths
     * @param seed       root seed
     * @param threads    threads (the result does not depend on them)
     */
    public static StrongErrorStudy run(SdeProblem problem, PathwiseSolution exact, Scheme scheme, int fineSteps,
            int[] coarsening, long paths, long seed, int threads) {
        Require.nonNull("problem", problem);
        Require.nonNull("exact", exact);
        Require.nonNull("scheme", scheme);
        Require.positive("fineSteps", fineSteps);
        Require.positive("paths", paths);
        if (coarsening.length < 2) {
            throw new IllegalArgumentException("coarsening has " + coarsening.length + " factors: need at least 2");
        }
        for (int i = 0; i < coarsening.length; i++) {
            Require.positive("coarsening[" + i + "]", coarsening[i]);
            if (fineSteps % coarsening[i] != 0 || (i > 0 && coarsening[i] <= coarsening[i - 1])) {
                throw new IllegalArgumentException("coarsening[" + i + "] = " + coarsening[i] + ": factors must increase"
                        + " and divide fineSteps = " + fineSteps);
            }
        }
        scheme.checkSupports(problem.sde());
        int levels = coarsening.length;
        double t0 = problem.t0();
        double t1 = problem.t1();
        int d = problem.dimension();
        int m = problem.sde().noiseDimension();
        RunningStatistics[] chunks = ParallelPaths.run(paths, 64, 4, threads, () -> {
            PathSolver[] solvers = new PathSolver[levels];
            for (int l = 0; l < levels; l++) {
                TimeGrid grid = TimeGrid.uniform(t0, t1, fineSteps / coarsening[l]);
                solvers[l] = new PathSolver(problem, scheme, grid);
            }
            double[] wT = new double[m];
            double[] xT = new double[d];
            double[] err = new double[levels];
            double[][] none = new double[0][];
            return (chunk, first, count) -> {
                RunningStatistics stats = new RunningStatistics(levels);
                for (long p = first; p < first + count; p++) {
                    BrownianSource w = SamePaths.sample(t0, t1, fineSteps, m, seed, p, scheme);
                    SamePaths.value(w, t0, t1, wT);
                    exact.value(t1, wT, xT);
                    for (int l = 0; l < levels; l++) {
                        double[] x = solvers[l].solve(w, none);
                        double sum = 0;
                        for (int i = 0; i < d; i++) {
                            double e = x[i] - xT[i];
                            sum += e * e;
                        }
                        err[l] = Math.sqrt(sum);
                    }
                    stats.add(err);
                }
                return stats;
            };
        }, RunningStatistics[]::new);
        RunningStatistics total = new RunningStatistics(levels);
        for (RunningStatistics c : chunks) {
            total.merge(c);
        }
        double[] dts = new double[levels];
        for (int l = 0; l < levels; l++) {
            dts[l] = (t1 - t0) * coarsening[l] / fineSteps;
        }
        return new StrongErrorStudy(dts, total.mean(), total.standardError(), paths);
    }

    /** The step sizes, increasing. */
    public double[] dts() {
        return dts.clone();
    }

    /** The mean strong error per step size. */
    public double[] errors() {
        return errors.clone();
    }

    /** The standard error of each mean error. */
    public double[] standardErrors() {
        return standardErrors.clone();
    }

    /** The number of paths. */
    public long paths() {
        return paths;
    }

    /** The least-squares slope of log error against log Δt. */
    public double order() {
        return OrderFit.leastSquaresSlope(dts, errors);
    }

    /** A table: Δt, error, standard error, and the fitted order. */
    public String report() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%12s %14s %12s%n", "dt", "error", "stderr"));
        for (int l = 0; l < dts.length; l++) {
            sb.append(String.format(Locale.ROOT, "%12.6g %14.6g %12.3g%n", dts[l], errors[l], standardErrors[l]));
        }
        sb.append(String.format(Locale.ROOT, "fitted order %.3f over %d paths (dts %s)%n", order(), paths,
                Arrays.toString(dts)));
        return sb.toString();
    }
}
