package org.sde4j.error;

import org.sde4j.brownian.BrownianSource;
import org.sde4j.solver.NoiseSources;
import org.sde4j.brownian.NoiseDrivenIncrements;
import org.sde4j.random.NoiseModels;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.PathSolver;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.TimeGrid;

/**
 * The weak error of a scheme at several step sizes for a test function φ:
 *
 * <pre>    e(Δt) = | E φ(X_N) − E φ(X_T) |       (Kloeden &amp; Platen 1992, §14.1; Higham 2001, emweak)</pre>
 *
 * <p>with {@code E φ(X_T)} known exactly ({@link #exactExpectation}) or estimated by a reference
 * solution on the same paths ({@link #reference}; then the estimate is the mean of
 * {@code φ(X_N) − φ(X_ref)}, whose variance is small). With Gaussian increments (the default) every
 * path samples one Brownian path and solves every level on it, so the levels share their random
 * numbers and the errors' Monte Carlo noise is strongly correlated between levels — which is what the
 * slope needs. An optional {@link ControlVariate} reduces the variance further. With
 * {@link #twoPointIncrements()} each level draws its own ±√Δt increments from the path's stream.
 *
 * <p>The reported standard error is that of the estimate of {@code E φ(X_N) − E φ(X_T)}; the order's
 * interval resamples whole paths. Parallel over paths and bit-reproducible by seed for any thread count, and
 * shardable over processes or machines with the same bits ({@link ConvergenceStudy#runChunks},
 * {@link ConvergenceStudy#merger}).
 */
public final class WeakError extends ConvergenceStudy<WeakError> {
    private final Functional functional;
    private Double expectation;
    private ControlVariate control;
    private boolean twoPoint;

    private WeakError(SdeProblem problem, Scheme scheme, Functional functional) {
        super(problem, scheme);
        this.functional = Require.nonNull("functional", functional);
    }

    /**
     * A weak-error study of {@code scheme} on {@code problem} for {@code φ}; set {@link #exactExpectation}
     * or {@link #reference}.
     */
    public static WeakError of(SdeProblem problem, Scheme scheme, Functional functional) {
        return new WeakError(problem, scheme, functional);
    }

    @Override
    WeakError self() {
        return this;
    }

    /**
     * Measures against the exact {@code E φ(X_T)}.
     *
     * @throws IllegalArgumentException when the value is not finite
     */
    public WeakError exactExpectation(double value) {
        this.expectation = Require.finite("exact expectation", value);
        this.referenceScheme = null;
        return this;
    }

    /** Measures against a reference solution by {@code scheme} on the same paths. */
    public WeakError reference(Scheme referenceScheme) {
        Require.nonNull("reference scheme", referenceScheme);
        referenceScheme.checkSupports(problem.sde());
        this.referenceScheme = referenceScheme;
        this.expectation = null;
        return this;
    }

    /** Uses a control variate (Gaussian increments only). */
    public WeakError controlVariate(ControlVariate value) {
        this.control = Require.nonNull("control variate", value);
        return this;
    }

    /** Drives the scheme with ±√Δt two-point increments instead of Gaussian ones. */
    public WeakError twoPointIncrements() {
        this.twoPoint = true;
        return this;
    }

    @Override
    String kind() {
        return "weak";
    }

    @Override
    void checkReady() {
        if (expectation == null && referenceScheme == null) {
            throw new IllegalArgumentException("no expectation to compare with: call exactExpectation(value) or"
                    + " reference(scheme) before run()");
        }
        if (twoPoint && (referenceScheme != null || control != null)) {
            throw new IllegalArgumentException("two-point increments: need exactExpectation(value) and no control"
                    + " variate (levels driven by two-point increments share no Brownian path)");
        }
    }

    @Override
    int width() {
        return steps.length + (referenceScheme != null ? 1 : 0) + (control != null ? 1 : 0);
    }

    @Override
    int storedGridSteps() {
        return twoPoint ? 0 : brownianSteps();
    }

    private int referenceColumn() {
        return referenceScheme != null ? steps.length : -1;
    }

    private int controlColumn() {
        return control != null ? steps.length + (referenceScheme != null ? 1 : 0) : -1;
    }

    /** Finishes the study from a snapshot of the settings: errors, standard errors, fitted order. */
    @Override
    StudyPlan.Finisher<ConvergenceResult> finisher() {
        int levels = steps.length;
        int width = width();
        int referenceColumn = referenceColumn();
        int controlColumn = controlColumn();
        double controlMean = control == null ? 0 : control.mean();
        double target = expectation == null ? 0 : expectation;
        String measure = "|E φ(X_N) − E φ(X_T)| against "
                + (expectation != null ? "the exact expectation " + expectation
                        : "a " + referenceScheme.name() + " reference with " + storedGridSteps() + " steps on the same paths")
                + (twoPoint ? ", two-point increments ±√Δt" : ", Gaussian increments on one path per sample")
                + (control != null ? ", with a control variate" : "");
        return finisher(measure, scheme.weakOrder(), samples -> new WeakEstimator(samples, width, levels,
                referenceColumn, controlColumn, controlMean, target));
    }

    @Override
    StudyPlan.PathsWorker worker() {
        int levels = steps.length;
        int fine = storedGridSteps();
        double t0 = problem.t0();
        double t1 = problem.t1();
        int d = problem.dimension();
        int m = problem.sde().noiseDimension();
        int referenceColumn = referenceColumn();
        int controlColumn = controlColumn();
        int width = width();
        long rootSeed = seed;
        Scheme refScheme = referenceScheme;
        ControlVariate cv = control;
        boolean twoPointNoise = twoPoint;
        PathSolver[] solvers = new PathSolver[levels];
        for (int l = 0; l < levels; l++) {
            solvers[l] = new PathSolver(problem, scheme, TimeGrid.uniform(t0, t1, steps[l]), steps[l]);
        }
        PathSolver refSolver = refScheme == null ? null
                : new PathSolver(problem, refScheme, TimeGrid.uniform(t0, t1, fine), fine);
        BrownianSource[] w = new BrownianSource[CHUNK];
        int stateLength = d;
        for (PathSolver solver : solvers) {
            stateLength = Math.max(stateLength, solver.stateLength());
        }
        if (refSolver != null) {
            stateLength = Math.max(stateLength, refSolver.stateLength());
        }
        double[][] states = new double[CHUNK][stateLength];
        double[][][] saved = new double[CHUNK][1][d];
        double[] wt = new double[m];
        return (chunk, first, count) -> {
            double[] values = new double[count * width];
            long[] cpu = new long[levels];
            if (!twoPointNoise) {
                for (int i = 0; i < count; i++) {
                    BrownianSource path = NoiseSources.honouring(problem, SamePaths.sample(t0, t1, fine, m, rootSeed,
                            first + i, scheme, refScheme));
                    w[i] = path;
                    if (cv != null) {
                        SamePaths.value(path, t0, t1, wt);
                        values[i * width + controlColumn] = finite(cv.function().value(t1, wt), "control variate",
                                first + i, -1);
                    }
                }
                if (refSolver != null) {
                    solveChunk(refSolver, w, count, states, saved, first);
                    for (int i = 0; i < count; i++) {
                        values[i * width + referenceColumn] = finite(functional.value(saved[i][0]), "functional",
                                first + i, -1);
                    }
                }
            }
            for (int l = 0; l < levels; l++) {
                if (twoPointNoise) {
                    for (int i = 0; i < count; i++) {
                        w[i] = NoiseSources.honouring(problem, new NoiseDrivenIncrements(
                                NoiseModels.twoPoint().sampler(RandomStreams.stream(rootSeed, first + i)), m));
                    }
                }
                long before = CpuClock.now();
                solveChunk(solvers[l], w, count, states, saved, first);
                cpu[l] = CpuClock.now() - before;
                for (int i = 0; i < count; i++) {
                    values[i * width + l] = finite(functional.value(saved[i][0]), "functional", first + i, steps[l]);
                }
            }
            return new Samples(values, cpu);
        };
    }

    private static double finite(double value, String what, long path, int levelSteps) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " = " + value + " on path " + path
                    + (levelSteps > 0 ? " at " + levelSteps + " steps" : " (reference/control)")
                    + ": must be finite (check its domain against the states the scheme produces)");
        }
        return value;
    }

    private static void solveChunk(PathSolver solver, BrownianSource[] w, int count, double[][] states,
            double[][][] saved, long first) {
        try {
            solver.solveBlock(w, count, states, saved);
        } catch (SolveDivergedException e) {
            throw e.onPath(first + e.path());
        }
    }

}
