package org.sde4j.solver;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.StreamingBrownianIncrements;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;

/**
 * Single-path fixed-step solves. For many paths use the ensemble package, which runs the same
 * {@link PathSolver} on reproducible per-path streams.
 *
 * <pre>{@code
 * Solution path = Solver.solve(problem, Schemes.byName("milstein"), TimeGrid.uniform(0, 1, 1000),
 *         Solver.streamingBrownian(problem, 42), 0.25, 0.5, 1.0);
 * }</pre>
 */
public final class Solver {
    private Solver() {
    }

    /**
     * Solves one path and returns the states at the requested times.
     *
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
     * A streaming Brownian source for one path of {@code problem}, from stream 0 of {@code seed}
     * (ensembles use stream i for path i).
     */
    public static BrownianSource streamingBrownian(SdeProblem problem, long seed) {
        ContinuousSampler normal = RandomStreams.gaussian(seed, 0);
        return new StreamingBrownianIncrements(normal, problem.sde().noiseDimension());
    }
}
