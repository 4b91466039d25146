package org.sde4j.solver.engine;

import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.Increment;
import org.sde4j.brownian.IteratedIntegralSource;
import org.sde4j.brownian.SpaceTimeLevyAreaSource;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.NoiseSources;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.StepFailedException;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.TimeGrid;

/**
 * The reusable core of a fixed-step solve: one problem, one scheme, one time grid and the workspace of
 * one thread. {@link #solve} integrates one path and {@link #solveBlock} several paths together, each
 * driven by its own Brownian source, writing the states at the save indices. After construction they
 * allocate nothing per step.
 *
 * <p>How it steps: the grid is cut into tiles of {@value #TILE} steps. For each tile the solver first
 * asks every path's source for the tile's increments in one call ({@link BrownianSource#increments}),
 * which a source fills in a tight loop; then it advances all paths step by step, every path taking a
 * step before any takes the next, so the processor can overlap the independent dependency chains of
 * different paths. Each path sees exactly the operations of a solve of that path alone: results do not
 * depend on how paths are grouped.
 *
 * <p>After every step the state is checked; a NaN or infinite entry stops the solve with a
 * {@link SolveDivergedException} naming the time and step.
 */
public final class PathSolver {
    /** Steps per tile of buffered increments. */
    static final int TILE = 32;

    private final SdeProblem problem;
    private final TimeGrid grid;
    private final double[] times;
    private final Stepper stepper;
    private final Increment increment;
    private final int noiseDimension;
    private final int[] saveIndices;
    private final boolean scalarFastPath;
    private final BrownianSource[] oneSource = new BrownianSource[1];
    private final double[][] oneState;
    private final double[][][] oneSaved = new double[1][][];
    private double[][] buffers = new double[0][];
    private final boolean integrals;
    private final String schemeName;
    private double[][] integralBuffers = new double[0][];
    private final boolean levyArea;
    private double[][] levyBuffers = new double[0][];

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
        this.times = grid.sharedTimes();
        this.stepper = scheme.newStepper(problem.sde());
        NoiseSources.requireSupported(problem, scheme);
        this.noiseDimension = problem.sde().noiseDimension();
        this.integrals = scheme.needsIteratedIntegrals() && problem.sde().noiseDimension() >= 2;
        this.schemeName = scheme.name();
        this.levyArea = scheme.needsSpaceTimeLevyArea();
        if (integrals && levyArea) {
            throw new IllegalArgumentException("scheme " + scheme.name() + " declares both iterated integrals and"
                    + " space-time Lévy area; no source supplies both");
        }
        this.increment = new Increment(noiseDimension, integrals, levyArea);
        this.saveIndices = saveIndices.clone();
        this.oneState = new double[1][stateLength()];
        this.scalarFastPath = !integrals && !levyArea && noiseDimension == 1 && stateLength() == 1;
    }

    /**
     * The length of the state arrays {@link #solveBlock} works on: d plus the stepper's
     * {@linkplain Stepper#auxiliaryDimension auxiliary entries}.
     */
    public int stateLength() {
        return problem.dimension() + stepper.auxiliaryDimension();
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
     * @return the final state, in this solver's workspace (valid until the next call; copy to keep); its
     *         first d entries are the SDE's state
     * @throws SolveDivergedException when the state stops being finite (path index −1)
     */
    public double[] solve(BrownianSource brownian, double[][] saved) {
        oneSource[0] = Require.nonNull("brownian", brownian);
        oneSaved[0] = saved;
        try {
            solveBlock(oneSource, 1, oneState, oneSaved);
        } catch (SolveDivergedException e) {
            throw e.onPath(-1);
        } catch (StepFailedException e) {
            throw e.onPath(-1);
        } finally {
            oneSource[0] = null;
            oneSaved[0] = null;
        }
        return oneState[0];
    }

    /**
     * Integrates paths {@code 0..count−1} together (see the class description).
     *
     * @param brownian {@code brownian[p]} drives path p, queried on consecutive grid intervals
     * @param count    the number of paths
     * @param states   {@code states[p]}, length {@link #stateLength()} (modified: the final state of path p
     *                 in its first d entries on return)
     * @param saved    {@code saved[p][s]} receives path p's state at grid index {@code saveIndices[s]}
     *                 (modified)
     * @throws SolveDivergedException when a state stops being finite; its path is the index p of the first
     *                                path to diverge at the earliest failing step
     * @throws StepFailedException    when the scheme cannot complete a step (its path is the index p)
     */
    public void solveBlock(BrownianSource[] brownian, int count, double[][] states, double[][][] saved) {
        int m = noiseDimension;
        if (buffers.length < count) {
            buffers = new double[count][TILE * m];
        }
        if (integrals) {
            if (integralBuffers.length < count) {
                integralBuffers = new double[count][TILE * m * m];
            }
            for (int p = 0; p < count; p++) {
                if (!(brownian[p] instanceof IteratedIntegralSource)) {
                    throw new IllegalArgumentException("brownian[" + p + "] = " + brownian[p].getClass().getSimpleName()
                            + ": scheme " + schemeName + " needs the iterated integrals (Lévy area) of each step,"
                            + " which only an IteratedIntegralSource supplies (StreamingIteratedIntegrals,"
                            + " GridIteratedIntegrals; Solver.brownian(problem, scheme, seed) picks it)");
                }
            }
        }
        double t0 = times[0];
        for (int p = 0; p < count; p++) {
            problem.copyInitialState(states[p]);
            stepper.start(t0, states[p]);
        }
        if (levyArea) {
            if (levyBuffers.length < count) {
                levyBuffers = new double[count][TILE * m];
            }
            for (int p = 0; p < count; p++) {
                if (!(brownian[p] instanceof SpaceTimeLevyAreaSource)) {
                    throw new IllegalArgumentException("brownian[" + p + "] = " + brownian[p].getClass().getSimpleName()
                            + ": scheme " + schemeName + " needs the space-time Lévy area of each step, which only a"
                            + " SpaceTimeLevyAreaSource supplies (VirtualBrownianTree.withSpaceTimeLevyArea,"
                            + " RefinableGridPath, StreamingLevyAreaIncrements; Solver.brownian(problem, scheme, seed)"
                            + " picks it)");
                }
            }
        }
        int nextSave = 0;
        if (saveIndices.length > 0 && saveIndices[0] == 0) {
            saveAll(count, states, saved, 0);
            nextSave = 1;
        }
        int steps = times.length - 1;
        for (int tileStart = 0; tileStart < steps; tileStart += TILE) {
            int tileSteps = Math.min(TILE, steps - tileStart);
            for (int p = 0; p < count; p++) {
                if (integrals) {
                    ((IteratedIntegralSource) brownian[p]).iteratedIntegrals(times, tileStart, tileSteps, buffers[p],
                            integralBuffers[p]);
                } else if (levyArea) {
                    ((SpaceTimeLevyAreaSource) brownian[p]).spaceTimeLevyAreas(times, tileStart, tileSteps, buffers[p],
                            levyBuffers[p]);
                } else {
                    brownian[p].increments(times, tileStart, tileSteps, buffers[p]);
                }
            }
            for (int j = 0; j < tileSteps; j++) {
                int k = tileStart + j;
                double t = times[k];
                increment.setStepSize(times[k + 1] - t);
                if (scalarFastPath) {
                    // One state, one noise, ΔW only: the same operations without the general loops.
                    double[] dw = increment.dw();
                    for (int p = 0; p < count; p++) {
                        double[] x = states[p];
                        dw[0] = buffers[p][j];
                        try {
                            stepper.step(t, x, increment);
                        } catch (StepFailedException e) {
                            throw e.step() < 0 ? e.atStep(k, p) : e;
                        }
                        if (!Double.isFinite(x[0])) {
                            throw new SolveDivergedException(times[k + 1], k, p, x);
                        }
                    }
                    if (nextSave < saveIndices.length && saveIndices[nextSave] == k + 1) {
                        saveAll(count, states, saved, nextSave);
                        nextSave++;
                    }
                    continue;
                }
                for (int p = 0; p < count; p++) {
                    double[] x = states[p];
                    increment.load(buffers[p], j * m);
                    if (integrals) {
                        increment.loadIteratedIntegrals(integralBuffers[p], j * m * m);
                    } else if (levyArea) {
                        increment.loadSpaceTimeLevyArea(levyBuffers[p], j * m);
                    }
                    try {
                        stepper.step(t, x, increment);
                    } catch (StepFailedException e) {
                        throw e.step() < 0 ? e.atStep(k, p) : e;
                    }
                    for (double v : x) {
                        if (!Double.isFinite(v)) {
                            throw new SolveDivergedException(times[k + 1], k, p, x);
                        }
                    }
                }
                if (nextSave < saveIndices.length && saveIndices[nextSave] == k + 1) {
                    saveAll(count, states, saved, nextSave);
                    nextSave++;
                }
            }
        }
    }

    private void saveAll(int count, double[][] states, double[][][] saved, int s) {
        int d = problem.dimension();
        for (int p = 0; p < count; p++) {
            System.arraycopy(states[p], 0, saved[p][s], 0, d);
        }
    }
}
