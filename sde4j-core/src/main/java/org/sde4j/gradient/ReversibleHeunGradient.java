package org.sde4j.gradient;

import java.util.Arrays;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.solver.scheme.ReversibleHeun;
import org.sde4j.solver.ReversibleStepper;

/**
 * The exact gradient of a {@link ReversibleHeun} solve in O(1) memory (Kidger, Foster, Li &amp; Lyons 2021,
 * "Efficient and accurate gradients for neural SDEs", §3, Algorithm 2). The forward solve keeps only its
 * final {@code (y_N, z_N)} (and the saved states the loss reads); the backward pass walks the steps from the
 * end, rebuilding each earlier state with the scheme's algebraic reverse
 * ({@link ReversibleStepper#stepBack}) and backpropagating through the step just undone. With the step
 * {@code z' = 2y − z + f(t, z) h + g(t, z) ΔW},
 * {@code y' = y + ½(f(t, z) + f(t', z')) h + ½(g(t, z) + g(t', z')) ΔW} and cotangents {@code (ȳ', z̄')}:
 *
 * <pre>
 *   ζ  = z̄' + (∂f/∂x(t', z'))ᵀ (½ h ȳ') + (∂g/∂x(t', z'))ᵀ (½ ΔW ⊙ ȳ')
 *   u  = ζ + ½ ȳ'
 *   ȳ  = ȳ' + 2 ζ
 *   z̄  = −ζ + (∂f/∂x(t, z))ᵀ (h u) + (∂g/∂x(t, z))ᵀ (ΔW ⊙ u)
 *   θ̄ += (∂f/∂θ(t', z'))ᵀ (½ h ȳ') + (∂g/∂θ(t', z'))ᵀ (½ ΔW ⊙ ȳ') + (∂f/∂θ(t, z))ᵀ (h u) + (∂g/∂θ(t, z))ᵀ (ΔW ⊙ u)
 * </pre>
 *
 * <p>and, since {@code z_0 = y_0}, {@code ∂L/∂x0 = ȳ_0 + z̄_0}. Because the reverse reproduces the forward
 * states to round-off, the gradient equals that of backpropagation through the stored states
 * ({@link #storingStates()}) to round-off, whatever the number of steps.
 */
public final class ReversibleHeunGradient implements SdeGradient {
    private final boolean store;

    private ReversibleHeunGradient(boolean store) {
        this.store = store;
    }

    /** Rebuilds states with the algebraic reverse: memory independent of the number of steps. */
    public static ReversibleHeunGradient reversing() {
        return new ReversibleHeunGradient(false);
    }

    /**
     * Stores every forward state ((N + 1)·2d doubles) and backpropagates through them: plain
     * discretise-then-optimise for the reversible Heun scheme, the reference for {@link #reversing()}.
     */
    public static ReversibleHeunGradient storingStates() {
        return new ReversibleHeunGradient(true);
    }

    @Override
    public SolveGradient compute(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid,
            BrownianSource brownian, PathLoss loss) {
        SdeGradient.check(sde, theta, x0, grid, brownian);
        int d = x0.length;
        int n = grid.steps();
        double[] fixed = theta.clone();
        ReversibleStepper stepper = ReversibleHeun.INSTANCE.newStepper(sde.at(fixed, Calculus.STRATONOVICH));
        Increment increment = new Increment(d);
        double[] state = Arrays.copyOf(x0, 2 * d);
        stepper.start(grid.t0(), state);
        double[][] stored = store ? new double[n + 1][] : null;
        int k = grid.savedCount();
        double[][] saved = new double[k][];
        for (int i = 0, next = 0; i < n; i++) {
            if (store) {
                stored[i] = state.clone();
            }
            increment.fill(brownian, grid.time(i), grid.time(i + 1));
            stepper.step(grid.time(i), state, increment);
            SdeGradient.checkFinite(state, i + 1, grid.time(i + 1));
            if (grid.savedStep(next) == i + 1) {
                saved[next++] = Arrays.copyOf(state, d);
            }
        }
        double[][] grads = new double[k][d];
        double value = loss.evaluate(saved, grads);
        double[] yBar = new double[d];
        double[] zBar = new double[d];
        double[] dTheta = new double[p(sde)];
        double[] zEnd = new double[d];
        double[] zStart = new double[d];
        double[] v = new double[d];
        double[] w = new double[d];
        double[] zeta = new double[d];
        int next = k - 1;
        for (int i = n; i >= 1; i--) {
            if (next >= 0 && grid.savedStep(next) == i) {
                for (int e = 0; e < d; e++) {
                    yBar[e] += grads[next][e];
                }
                next--;
            }
            double t = grid.time(i - 1);
            increment.fill(brownian, t, grid.time(i));
            System.arraycopy(state, d, zEnd, 0, d);
            if (store) {
                System.arraycopy(stored[i - 1], 0, state, 0, 2 * d);
            } else {
                stepper.stepBack(t, state, increment);
            }
            System.arraycopy(state, d, zStart, 0, d);
            double h = increment.h();
            double[] dw = increment.dw();
            System.arraycopy(zBar, 0, zeta, 0, d);
            for (int e = 0; e < d; e++) {
                v[e] = 0.5 * h * yBar[e];
                w[e] = 0.5 * dw[e] * yBar[e];
            }
            sde.driftVjp(t + h, zEnd, fixed, v, zeta, dTheta);
            sde.diffusionVjp(t + h, zEnd, fixed, w, zeta, dTheta);
            for (int e = 0; e < d; e++) {
                double u = zeta[e] + 0.5 * yBar[e];
                yBar[e] += 2 * zeta[e];
                zBar[e] = -zeta[e];
                v[e] = h * u;
                w[e] = dw[e] * u;
            }
            sde.driftVjp(t, zStart, fixed, v, zBar, dTheta);
            sde.diffusionVjp(t, zStart, fixed, w, zBar, dTheta);
        }
        double[] dX0 = new double[d];
        for (int e = 0; e < d; e++) {
            dX0[e] = yBar[e] + zBar[e];
        }
        long retained = store ? (long) (n + 1) * 2 * d : (long) k * d + 2L * d;
        return new SolveGradient(value, dTheta, dX0, saved, retained);
    }

    private static int p(ParametricSde sde) {
        return sde.parameterCount();
    }

    @Override
    public String toString() {
        return store ? "reversible Heun, stored states" : "reversible Heun, algebraic reverse";
    }
}
