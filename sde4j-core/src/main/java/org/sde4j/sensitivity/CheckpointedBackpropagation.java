package org.sde4j.sensitivity;

import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.SpaceTimeLevyAreaSource;
import org.sde4j.gradient.ParametricBranchField;
import org.sde4j.gradient.ParametricSde;
import org.sde4j.gradient.PathLoss;
import org.sde4j.gradient.SdeGradient;
import org.sde4j.gradient.SolveGradient;
import org.sde4j.gradient.SolveGrid;
import org.sde4j.solver.step.ArrayVectorSpace;
import org.sde4j.solver.step.BranchStep;
import org.sde4j.solver.tableau.StochasticTableau;
import org.sde4j.solver.scheme.TableauScheme;

/**
 * Backpropagation through any tableau scheme with memory O(√N) instead of O(N) (Griewank 1992's two-level
 * checkpointing): the forward pass keeps every k-th state ({@code k = ⌈√N⌉} unless chosen), and the backward pass
 * walks the segments from the end, recomputing each segment's k states from its checkpoint before backpropagating
 * through its steps. It performs the same step operations, in the same order, as
 * {@link org.sde4j.gradient.Backpropagation}, so its gradient has the same bits; the price is one extra forward solve.
 * Works for schemes that are not reversible (Euler–Maruyama, Milstein, Heun, SRA/SRI tableaux). Held state:
 * {@code (⌈N/k⌉ + 1 + k + 1)·d} doubles plus the saved states, reported as {@link SolveGradient#retainedState()}.
 */
public final class CheckpointedBackpropagation implements SdeGradient {
    private final TableauScheme scheme;
    private final int segment;

    private CheckpointedBackpropagation(TableauScheme scheme, int segment) {
        this.scheme = java.util.Objects.requireNonNull(scheme, "scheme");
        this.segment = segment;
    }

    /** Segments of ⌈√N⌉ steps. */
    public static CheckpointedBackpropagation through(TableauScheme scheme) {
        return new CheckpointedBackpropagation(scheme, 0);
    }

    /**
     * Segments of {@code steps} steps.
     *
     * @throws IllegalArgumentException when steps &lt; 1
     */
    public static CheckpointedBackpropagation through(TableauScheme scheme, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("segment = " + steps + " steps: must be at least 1");
        }
        return new CheckpointedBackpropagation(scheme, steps);
    }

    @Override
    public SolveGradient compute(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid,
            BrownianSource brownian, PathLoss loss) {
        boolean area = checkArguments(scheme, sde, theta, x0, brownian);
        StochasticTableau tableau = scheme.tableau();
        int d = x0.length;
        int n = grid.steps();
        int k = segment > 0 ? segment : (int) Math.ceil(Math.sqrt(n));
        int segments = (n + k - 1) / k;
        ParametricBranchField field = new ParametricBranchField(sde, theta.clone(), tableau.stages());
        BranchStep<double[]> step = new BranchStep<>(ArrayVectorSpace.INSTANCE, tableau, field);
        double[][] checkpoints = new double[segments][];
        double[] dw = new double[d];
        double[] h = area ? new double[d] : null;
        int saves = grid.savedCount();
        double[][] saved = new double[saves][];
        double[] x = x0.clone();
        for (int i = 0, next = 0; i < n; i++) {
            if (i % k == 0) {
                checkpoints[i / k] = x.clone();
            }
            noise(brownian, grid, i, dw, h);
            double t = grid.time(i);
            x = step.forward(t, grid.time(i + 1) - t, x, dw, h).clone();
            SdeGradient.checkFinite(x, i + 1, grid.time(i + 1));
            if (next < saves && grid.savedStep(next) == i + 1) {
                saved[next++] = x.clone();
            }
        }
        double[][] grads = new double[saves][d];
        double[][] lossStates = new double[saves][];
        for (int j = 0; j < saves; j++) {
            lossStates[j] = saved[j].clone();
        }
        double value = loss.evaluate(lossStates, grads);
        double[] adjoint = new double[d];
        double[][] states = new double[k + 1][];
        int next = saves - 1;
        for (int s = segments - 1; s >= 0; s--) {
            int from = s * k;
            int to = Math.min(n, from + k);
            states[0] = checkpoints[s];
            for (int i = from; i < to - 1; i++) {
                noise(brownian, grid, i, dw, h);
                double t = grid.time(i);
                states[i - from + 1] = step.forward(t, grid.time(i + 1) - t, states[i - from], dw, h).clone();
            }
            for (int i = to; i > from; i--) {
                if (next >= 0 && grid.savedStep(next) == i) {
                    for (int e = 0; e < d; e++) {
                        adjoint[e] += grads[next][e];
                    }
                    next--;
                }
                noise(brownian, grid, i - 1, dw, h);
                double t = grid.time(i - 1);
                step.forward(t, grid.time(i) - t, states[i - 1 - from], dw, h);
                System.arraycopy(step.backward(adjoint), 0, adjoint, 0, d);
            }
        }
        long retained = (long) (segments + k + 1) * d + (long) saves * d;
        return new SolveGradient(value, field.parameterGradient().clone(), adjoint, saved, retained);
    }

    /**
     * The checks of a checkpointed backpropagation through {@code scheme}: the arguments, a scheme that handles noise,
     * and a source of space-time Lévy areas when the tableau reads them.
     *
     * @return whether the tableau reads space-time Lévy areas
     */
    static boolean checkArguments(TableauScheme scheme, ParametricSde sde, double[] theta, double[] x0,
            BrownianSource brownian) {
        SdeGradient.check(sde, theta, x0, brownian);
        AdjointMethod.backpropagation(scheme);
        boolean area = scheme.tableau().needsSpaceTimeLevyArea();
        if (area && !(brownian instanceof SpaceTimeLevyAreaSource)) {
            throw new IllegalArgumentException("brownian: " + brownian.getClass().getSimpleName()
                    + " gives no space-time Lévy area, which this scheme's tableau needs");
        }
        return area;
    }

    /** The increment (and space-time Lévy area when h is not null) of step i. */
    static void noise(BrownianSource brownian, SolveGrid grid, int i, double[] dw, double[] h) {
        if (h != null) {
            ((SpaceTimeLevyAreaSource) brownian).spaceTimeLevyArea(grid.time(i), grid.time(i + 1), dw, h);
        } else {
            brownian.increment(grid.time(i), grid.time(i + 1), dw);
        }
    }

    @Override
    public String toString() {
        return "checkpointed backpropagation through " + scheme + (segment > 0 ? ", segments of " + segment : "");
    }
}
