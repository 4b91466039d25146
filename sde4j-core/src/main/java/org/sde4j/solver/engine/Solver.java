package org.sde4j.solver.engine;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.StreamingBrownianIncrements;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.NoiseSources;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.Solution;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.TimeGrid;

/**
 * Single-path fixed-step solves. For many paths use the ensemble package, which runs the same
 * {@link PathSolver} on reproducible per-path streams.
 *
 * <pre>{@code
 * Scheme scheme = Schemes.byName("milstein");
 * Solution path = Solver.solve(problem, scheme, TimeGrid.uniform(0, 1, 1000),
 *         Solver.brownian(problem, scheme, 42), 0.25, 0.5, 1.0);
 * }</pre>
 *
 * <p>{@link #brownian} gives the source the scheme needs ({@link NoiseSources#forScheme}: plain increments,
 * Lévy areas, iterated integrals or the scheme's weak driving noise), under the problem's
 * {@linkplain SdeProblem#noise() noise law}; {@link #streamingBrownian} gives plain increments only.
 */
public final class Solver {
    private Solver() {
    }

    /**
     * Solves one path and returns the states at the requested times.
     *
     * @param brownian  the driving noise W of the problem, with its law (for a problem with correlated noise, the
     *                  correlated W, as {@link #brownian} and {@link #streamingBrownian} give it)
     * @param saveTimes times at which to save the state; inserted into the grid when not on it; when
     *                  none are given, the final time is saved
     * @throws SolveDivergedException when the state stops being finite
     */
    public static Solution solve(SdeProblem problem, Scheme scheme, TimeGrid grid, BrownianSource brownian,
            double... saveTimes) {
        Require.nonNull("grid", grid);
        Require.nonNull("brownian", brownian);
        double[] times = saveTimes.length == 0 ? new double[] {grid.endTime()} : saveTimes.clone();
        java.util.Arrays.sort(times);
        TimeGrid full = grid.including(times);
        int[] indices = java.util.Arrays.stream(times).mapToInt(full::indexOf).distinct().toArray();
        PathSolver solver = new PathSolver(problem, scheme, full, indices);
        double[][] saved = new double[indices.length][problem.dimension()];
        solver.solve(brownian, saved);
        double[] savedTimes = java.util.Arrays.stream(indices).mapToDouble(full::time).toArray();
        return new Solution(savedTimes, saved);
    }

    /** Solves one path with N uniform steps and returns the final state. */
    public static double[] solveToEnd(SdeProblem problem, Scheme scheme, int steps, BrownianSource brownian) {
        return solve(problem, scheme, TimeGrid.uniform(problem.t0(), problem.t1(), steps), brownian).finalState();
    }

    /**
     * Solves one path with N uniform steps, driven by {@link #brownian brownian(problem, scheme, seed)}, and returns
     * the final state: path 0 of an ensemble's path engine with the same seed.
     */
    public static double[] solveToEnd(SdeProblem problem, Scheme scheme, int steps, long seed) {
        return solveToEnd(problem, scheme, steps, brownian(problem, scheme, seed));
    }

    /**
     * The source that drives {@code scheme} on one path of {@code problem}, from stream 0 of {@code seed}
     * (ensembles use stream i for path i): {@code NoiseSources.forScheme(problem, scheme).create(seed, 0, m)}.
     * For a scheme that needs plain Gaussian increments it is {@link #streamingBrownian}, bit for bit.
     *
     * @throws IllegalArgumentException when the scheme cannot be driven by the problem's noise
     */
    public static BrownianSource brownian(SdeProblem problem, Scheme scheme, long seed) {
        return NoiseSources.forScheme(problem, scheme).create(seed, 0, problem.sde().noiseDimension());
    }

    /**
     * Streaming N(0, h) increments for one path of {@code problem}, from stream 0 of {@code seed} (ensembles use
     * stream i for path i), under the problem's noise law (correlated when the problem's noise is). Plain
     * increments only: a scheme that needs Lévy areas, iterated integrals or its own weak noise takes
     * {@link #brownian brownian(problem, scheme, seed)}.
     */
    public static BrownianSource streamingBrownian(SdeProblem problem, long seed) {
        ContinuousSampler normal = RandomStreams.gaussian(seed, 0);
        return NoiseSources.honouring(problem, new StreamingBrownianIncrements(normal, problem.sde().noiseDimension()));
    }
}
