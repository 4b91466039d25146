package org.sde4j.solver;

import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;

/**
 * The reusable core of a fixed-step solve: one problem, one scheme, one time grid and the workspace of
 * one thread. {@link #solve} integrates one path, driven by a given Brownian source, and writes the
 * states at the save indices; it allocates nothing, so an ensemble calls it once per path.
 *
 * <p>After every step the state is checked; a NaN or infinite entry stops the solve with a
 * {@link SolveDivergedException} naming the time and step.
 */
public final class PathSolver {
    private final SdeProblem problem;
    private final TimeGrid grid;
    private final Stepper stepper;
    private final Increment increment;
    private final int[] saveIndices;
    private final double[] state;

    /**
     * @param saveIndices increasing grid indices at which to save the state (0 = initial state)
     * @throws IllegalArgumentException when the scheme does not support the problem's SDE, the grid does
     *                                  not span the problem's time span, or a save index is out of range
     */
    public PathSolver(SdeProblem problem, Scheme scheme, TimeGrid grid, int... saveIndices) {
        this.problem = Require.nonNull("problem", problem);
        Require.nonNull("scheme", scheme);
        this.grid = Require.nonNull("grid", grid);
        double span = problem.t1() - problem.t0();
        if (Math.abs(grid.startTime() - problem.t0()) > 1e-12 * span
                || Math.abs(grid.endTime() - problem.t1()) > 1e-12 * span) {
            throw new IllegalArgumentException("grid spans [" + grid.startTime() + ", " + grid.endTime()
                    + "]: must span the problem's [" + problem.t0() + ", " + problem.t1() + "]");
        }
        for (int i = 0; i < saveIndices.length; i++) {
            if (saveIndices[i] < 0 || saveIndices[i] > grid.steps() || (i > 0 && saveIndices[i] <= saveIndices[i - 1])) {
                throw new IllegalArgumentException("saveIndices[" + i + "] = " + saveIndices[i]
                        + ": must increase strictly within [0, " + grid.steps() + "]");
            }
        }
        this.stepper = scheme.newStepper(problem.sde());
        this.increment = new Increment(problem.sde().noiseDimension());
        this.saveIndices = saveIndices.clone();
        this.state = new double[problem.dimension()];
    }

    /** The number of saved states per path. */
    public int saveCount() {
        return saveIndices.length;
    }

    /** The grid this solver steps on. */
    public TimeGrid grid() {
        return grid;
    }

    /**
     * Integrates one path from the problem's initial state.
     *
     * @param brownian the driving noise, queried on consecutive grid intervals
     * @param saved    {@code saved[s]} receives the state at grid index {@code saveIndices[s]} (modified)
     * @return the final state, in this solver's workspace (valid until the next call; copy to keep)
     * @throws SolveDivergedException when the state stops being finite (path index −1)
     */
    public double[] solve(BrownianSource brownian, double[][] saved) {
        double[] x = state;
        problem.copyInitialState(x);
        int nextSave = 0;
        if (saveIndices.length > 0 && saveIndices[0] == 0) {
            System.arraycopy(x, 0, saved[0], 0, x.length);
            nextSave = 1;
        }
        int steps = grid.steps();
        for (int k = 0; k < steps; k++) {
            double t = grid.time(k);
            increment.fill(brownian, t, grid.stepSize(k));
            stepper.step(t, x, increment);
            for (double v : x) {
                if (!Double.isFinite(v)) {
                    throw new SolveDivergedException(grid.time(k + 1), k, -1, x.clone());
                }
            }
            if (nextSave < saveIndices.length && saveIndices[nextSave] == k + 1) {
                System.arraycopy(x, 0, saved[nextSave], 0, x.length);
                nextSave++;
            }
        }
        return x;
    }
}
