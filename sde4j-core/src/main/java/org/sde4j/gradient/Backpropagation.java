package org.sde4j.gradient;

import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.SpaceTimeLevyAreaSource;
import org.sde4j.solver.step.ArrayVectorSpace;
import org.sde4j.solver.step.BranchStep;
import org.sde4j.solver.tableau.StochasticTableau;
import org.sde4j.solver.scheme.TableauScheme;

/**
 * Discretise-then-optimise: the exact gradient of the discrete solve, by backpropagation through every
 * step of a tableau scheme ({@link org.sde4j.solver.scheme.EulerMaruyama}, {@link
 * org.sde4j.solver.scheme.RungeKuttaSchemes#HEUN},
 * any {@link TableauScheme}). Each step is a {@link BranchStep}, whose backward pass is the scheme's exact
 * vector–Jacobian product; this class adds the loop over steps.
 *
 * <p>Memory: the states {@code X_0, …, X_N} are stored ((N + 1)·d doubles, growing with the number of
 * steps); each step is recomputed from its stored input just before its backward pass, so stage values are
 * held for one step at a time.
 */
public final class Backpropagation implements SdeGradient {
    private final TableauScheme scheme;

    private Backpropagation(TableauScheme scheme) {
        this.scheme = java.util.Objects.requireNonNull(scheme, "scheme");
    }

    /** Backpropagation through the steps of {@code scheme}. */
    public static Backpropagation through(TableauScheme scheme) {
        return new Backpropagation(scheme);
    }

    @Override
    public SolveGradient compute(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid,
            BrownianSource brownian, PathLoss loss) {
        SdeGradient.check(sde, theta, x0, grid, brownian);
        StochasticTableau tableau = scheme.tableau();
        if (tableau.noiseTerms().isEmpty()) {
            double[] g = new double[x0.length];
            sde.diffusion(grid.t0(), x0, theta, g);
            for (double v : g) {
                if (v != 0) {
                    throw new IllegalArgumentException("scheme " + scheme.name() + ": an ODE scheme (no noise terms);"
                            + " on this SDE, whose diffusion at t0 is " + java.util.Arrays.toString(g) + ", it would"
                            + " drop the noise and give a zero noise gradient: use an SDE scheme such as euler-maruyama"
                            + " or heun");
                }
            }
        }
        boolean area = tableau.needsSpaceTimeLevyArea();
        if (area && !(brownian instanceof SpaceTimeLevyAreaSource)) {
            throw new IllegalArgumentException("brownian: " + brownian.getClass().getSimpleName()
                    + " gives no space-time Lévy area, which this scheme's tableau needs");
        }
        int d = x0.length;
        int n = grid.steps();
        ParametricBranchField field = new ParametricBranchField(sde, theta.clone(), tableau.stages());
        BranchStep<double[]> step = new BranchStep<>(ArrayVectorSpace.INSTANCE, tableau, field);
        double[][] states = new double[n + 1][];
        states[0] = x0.clone();
        double[] dw = new double[d];
        double[] h = area ? new double[d] : null;
        for (int i = 0; i < n; i++) {
            noise(brownian, grid, i, dw, h);
            double t = grid.time(i);
            states[i + 1] = step.forward(t, grid.time(i + 1) - t, states[i], dw, h).clone();
            SdeGradient.checkFinite(states[i + 1], i + 1, grid.time(i + 1));
        }
        int k = grid.savedCount();
        double[][] saved = new double[k][];
        double[][] grads = new double[k][d];
        for (int j = 0; j < k; j++) {
            saved[j] = states[grid.savedStep(j)].clone();
        }
        double value = loss.evaluate(saved, grads);
        double[] adjoint = new double[d];
        int next = k - 1;
        for (int i = n; i >= 1; i--) {
            if (next >= 0 && grid.savedStep(next) == i) {
                for (int e = 0; e < d; e++) {
                    adjoint[e] += grads[next][e];
                }
                next--;
            }
            noise(brownian, grid, i - 1, dw, h);
            double t = grid.time(i - 1);
            step.forward(t, grid.time(i) - t, states[i - 1], dw, h);
            System.arraycopy(step.backward(adjoint), 0, adjoint, 0, d);
        }
        return new SolveGradient(value, field.parameterGradient().clone(), adjoint, saved, (long) (n + 1) * d);
    }

    private static void noise(BrownianSource brownian, SolveGrid grid, int i, double[] dw, double[] h) {
        if (h != null) {
            ((SpaceTimeLevyAreaSource) brownian).spaceTimeLevyArea(grid.time(i), grid.time(i + 1), dw, h);
        } else {
            brownian.increment(grid.time(i), grid.time(i + 1), dw);
        }
    }

    @Override
    public String toString() {
        return "backpropagation through " + scheme;
    }
}
