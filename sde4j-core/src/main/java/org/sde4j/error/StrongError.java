package org.sde4j.error;

import java.util.EnumMap;
import java.util.Map;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.montecarlo.ChunkRunner;
import org.sde4j.solver.NoiseSources;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.PathSolver;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.TimeGrid;

/**
 * The strong error of a scheme at several step sizes, on the same Brownian path at every level:
 *
 * <pre>    e(Δt) = E ‖ X_N − X ‖        (Kloeden &amp; Platen 1992, §9.6; Higham 2001, emstrong)</pre>
 *
 * <p>where {@code X} is the exact solution on the path ({@link #exact}) or, when none is known, a
 * reference solution computed on the path's finest grid with a chosen scheme ({@link #reference}; the
 * analyticless approach of DiffEqDevTools). {@code ‖·‖} is one of the {@link StrongNorm norms}: at the
 * final time, RMS over the saved times, or maximum over them.
 *
 * <pre>{@code
 * ConvergenceResult r = StrongError.of(problem, Schemes.byName("milstein"))
 *         .exact(solution).halvings(16, 5).paths(2000).seed(1).run();
 * System.out.println(r.report());        // table of Δt, error, stderr; order 1.0xx [low, high]
 * }</pre>
 *
 * <p>Parallel over paths and bit-reproducible by seed for any thread count, and shardable over processes or
 * machines with the same bits ({@link ConvergenceStudy#runChunks}, {@link ConvergenceStudy#merger}).
 */
public final class StrongError extends ConvergenceStudy<StrongError> {
    private PathwiseSolution exact;
    private StrongNorm norm = StrongNorm.FINAL;

    private StrongError(SdeProblem problem, Scheme scheme) {
        super(problem, scheme);
    }

    /**
     * A strong-error study of {@code scheme} on {@code problem}; set {@link #exact} or {@link #reference}.
     *
     * @throws IllegalArgumentException when the scheme does not support the problem's SDE
     */
    public static StrongError of(SdeProblem problem, Scheme scheme) {
        return new StrongError(problem, scheme);
    }

    @Override
    StrongError self() {
        return this;
    }

    /**
     * Measures against the exact solution as a function of {@code (t, W_t)}.
     *
     * @throws IllegalArgumentException when {@code solution} is null (a problem without an exact
     *                                  pathwise solution: use {@link #reference} instead)
     */
    public StrongError exact(PathwiseSolution solution) {
        if (solution == null) {
            throw new IllegalArgumentException("exact solution is null: this problem has no exact pathwise solution"
                    + " known; measure against a reference solution on the same path with reference(scheme)");
        }
        this.exact = solution;
        this.referenceScheme = null;
        return this;
    }

    /**
     * Measures against a reference solution by {@code scheme} on the same Brownian path, with
     * {@link #referenceRefinement} (default 16) steps per step of the finest level.
     */
    public StrongError reference(Scheme referenceScheme) {
        Require.nonNull("reference scheme", referenceScheme);
        referenceScheme.checkSupports(problem.sde());
        this.referenceScheme = referenceScheme;
        this.exact = null;
        return this;
    }

    /** The norm over saved times that {@link #run()} reports (default {@link StrongNorm#FINAL}). */
    public StrongError norm(StrongNorm value) {
        this.norm = Require.nonNull("norm", value);
        return this;
    }

    @Override
    String kind() {
        return "strong";
    }

    @Override
    void checkReady() {
        if (exact == null && referenceScheme == null) {
            throw new IllegalArgumentException("no solution to compare with: call exact(solution) or"
                    + " reference(scheme) before run()");
        }
    }

    @Override
    int width() {
        return 3 * steps.length;
    }

    @Override
    int storedGridSteps() {
        return brownianSteps();
    }

    /**
     * Runs the study once and reports every norm: {@link StrongNorm#FINAL} always, {@code L2} and
     * {@code MAX} when every level's grid contains the coarsest grid's times.
     */
    public Map<StrongNorm, ConvergenceResult> runNorms() {
        checkReady();
        requireSampleSizes();
        return ChunkRunner.run(plan((samples, cpuSeconds, seconds) -> {
            Map<StrongNorm, ConvergenceResult> results = new EnumMap<>(StrongNorm.class);
            for (StrongNorm n : StrongNorm.values()) {
                if (n == StrongNorm.FINAL || coarsestTimesOnEveryLevel()) {
                    results.put(n, finisher(n).finish(samples, cpuSeconds, seconds));
                }
            }
            return results;
        }), threads, executor);
    }

    /**
     * @throws IllegalArgumentException when the norm is over saved times and a level's step count is not a
     *                                  multiple of the coarsest
     */
    @Override
    StudyPlan.Finisher<ConvergenceResult> finisher() {
        if (norm != StrongNorm.FINAL && !coarsestTimesOnEveryLevel()) {
            throw new IllegalArgumentException("norm = " + norm.label() + ": needs every level's step count to be a"
                    + " multiple of the coarsest (" + steps[0] + "), so that all levels share the saved times");
        }
        return finisher(norm);
    }

    /** Finishes norm {@code n} from a snapshot of the settings: errors, standard errors, fitted order. */
    private StudyPlan.Finisher<ConvergenceResult> finisher(StrongNorm n) {
        int levels = steps.length;
        int width = width();
        String against = exact != null ? "against the exact solution on the same path"
                : "against a " + referenceScheme.name() + " reference with " + brownianSteps() + " steps on the same path";
        return finisher(n.description() + ", " + against, scheme.strongOrder(problem.sde().noise()),
                samples -> new MeanEstimator(samples, width, n.ordinal() * levels, levels));
    }

    @Override
    StudyPlan.PathsWorker worker() {
        int levels = steps.length;
        int fine = brownianSteps();
        boolean overTime = coarsestTimesOnEveryLevel();
        int saves = overTime ? steps[0] : 1;
        double t0 = problem.t0();
        double t1 = problem.t1();
        int d = problem.dimension();
        int m = problem.sde().noiseDimension();
        int width = width();
        double[] saveTimes = new double[saves];
        TimeGrid coarsest = TimeGrid.uniform(t0, t1, steps[0]);
        for (int s = 0; s < saves; s++) {
            saveTimes[s] = overTime ? coarsest.time(s + 1) : t1;
        }
        long rootSeed = seed;
        PathwiseSolution solution = exact;
        Scheme refScheme = referenceScheme;
        PathSolver[] solvers = new PathSolver[levels];
        for (int l = 0; l < levels; l++) {
            solvers[l] = new PathSolver(problem, scheme, TimeGrid.uniform(t0, t1, steps[l]), savesOn(steps[l], overTime));
        }
        PathSolver refSolver = refScheme == null ? null
                : new PathSolver(problem, refScheme, TimeGrid.uniform(t0, t1, fine), savesOn(fine, overTime));
        BrownianSource[] w = new BrownianSource[CHUNK];
        int stateLength = d;
        for (PathSolver solver : solvers) {
            stateLength = Math.max(stateLength, solver.stateLength());
        }
        if (refSolver != null) {
            stateLength = Math.max(stateLength, refSolver.stateLength());
        }
        double[][] states = new double[CHUNK][stateLength];
        double[][][] truth = new double[CHUNK][saves][d];
        double[][][] saved = new double[CHUNK][saves][d];
        double[] wt = new double[m];
        return (chunk, first, count) -> {
            double[] values = new double[count * width];
            long[] cpu = new long[levels];
            for (int i = 0; i < count; i++) {
                w[i] = NoiseSources.honouring(problem, SamePaths.sample(t0, t1, fine, m, rootSeed, first + i, scheme,
                        refScheme));
            }
            if (solution != null) {
                for (int i = 0; i < count; i++) {
                    for (int s = 0; s < saves; s++) {
                        SamePaths.value(w[i], t0, saveTimes[s], wt);
                        solution.value(saveTimes[s], wt, truth[i][s]);
                    }
                }
            } else {
                solveChunk(refSolver, w, count, states, truth, first);
            }
            for (int l = 0; l < levels; l++) {
                long before = CpuClock.now();
                solveChunk(solvers[l], w, count, states, saved, first);
                cpu[l] = CpuClock.now() - before;
                for (int i = 0; i < count; i++) {
                    double sumSquares = 0;
                    double max = 0;
                    double last = 0;
                    for (int s = 0; s < saves; s++) {
                        double e = distance(saved[i][s], truth[i][s]);
                        sumSquares += e * e;
                        max = Math.max(max, e);
                        last = e;
                    }
                    int row = i * width;
                    values[row + l] = last;
                    values[row + levels + l] = overTime ? Math.sqrt(sumSquares / saves) : Double.NaN;
                    values[row + 2 * levels + l] = overTime ? max : Double.NaN;
                }
            }
            return new Samples(values, cpu);
        };
    }

    private int[] savesOn(int n, boolean overTime) {
        return overTime ? saveIndices(n) : new int[] {n};
    }

    private static void solveChunk(PathSolver solver, BrownianSource[] w, int count, double[][] states,
            double[][][] saved, long first) {
        try {
            solver.solveBlock(w, count, states, saved);
        } catch (SolveDivergedException e) {
            throw e.onPath(first + e.path());
        }
    }

    private static double distance(double[] a, double[] b) {
        if (a.length == 1) {
            return Math.abs(a[0] - b[0]);
        }
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double e = a[i] - b[i];
            sum += e * e;
        }
        return Math.sqrt(sum);
    }

}
