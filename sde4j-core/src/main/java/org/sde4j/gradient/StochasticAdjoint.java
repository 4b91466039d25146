package org.sde4j.gradient;

import java.util.Arrays;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.scheme.RungeKuttaSchemes;
import org.sde4j.solver.Stepper;

/**
 * Optimise-then-discretise: the stochastic adjoint of Li, Wong, Chen &amp; Duvenaud (2020, "Scalable gradients
 * for stochastic differential equations", §3–4). The SDE is read in Stratonovich form,
 * {@code dX = f dt + g ∘ dW}. After a forward solve that keeps only the saved states, the augmented state
 * {@code (X, a, a_θ)} is solved backwards in time, from {@code a(T) = ∂L/∂X_T}, {@code a_θ(T) = 0}, along
 * the <em>same</em> Brownian path (the source is queried again, so it must answer any interval
 * consistently: a {@link org.sde4j.brownian.VirtualBrownianTree}):
 *
 * <pre>
 *   dX   =  f dt + g ∘ dW
 *   da   = −aᵀ ∂f/∂x dt − Σ_i a_i ∂g_i/∂x ∘ dW_i
 *   da_θ = −aᵀ ∂f/∂θ dt − Σ_i a_i ∂g_i/∂θ ∘ dW_i
 * </pre>
 *
 * <p>and then {@code ∂L/∂x0 = a(t0)}, {@code ∂L/∂θ = a_θ(t0)}. The noise term of a and a_θ over a step is the
 * diffusion's vector–Jacobian product with cotangent {@code a ⊙ ΔW}, so the backward solve needs nothing
 * but the SDE's VJPs. Both solves use stochastic Heun ({@link RungeKuttaSchemes#HEUN}); at each saved
 * step the backward solve adds that step's loss gradient to a and restarts X from the stored forward
 * state.
 *
 * <p>The result is not the exact gradient of the discrete forward solve: it converges to the pathwise
 * gradient as h → 0, at the strong order of Heun on the augmented system (1 for scalar noise, whose augmented
 * system is driven by one Brownian motion and so commutes; 0.5 in general). Memory: the saved states and
 * one augmented state (2d + p doubles), whatever the number of steps.
 */
public final class StochasticAdjoint implements SdeGradient {
    /** The adjoint method; stateless, shared. */
    public static final StochasticAdjoint INSTANCE = new StochasticAdjoint();

    /** Declared order of convergence to the pathwise gradient for scalar noise (d = 1), measured by the tests. */
    public static final double ORDER_SCALAR_NOISE = 1.0;

    /** Declared order for general (non-commuting) noise: a lower bound, the strong order of Heun there. */
    public static final double ORDER_GENERAL_NOISE = 0.5;

    private StochasticAdjoint() {
    }

    @Override
    public SolveGradient compute(ParametricSde sde, double[] theta, double[] x0, SolveGrid grid,
            BrownianSource brownian, PathLoss loss) {
        SdeGradient.check(sde, theta, x0, grid, brownian);
        int d = x0.length;
        int p = theta.length;
        int n = grid.steps();
        double[] fixed = theta.clone();
        Increment increment = new Increment(d);
        Stepper forward = RungeKuttaSchemes.HEUN.newStepper(sde.at(fixed, Calculus.STRATONOVICH));
        int k = grid.savedCount();
        double[][] saved = new double[k][];
        double[] x = x0.clone();
        for (int i = 0, next = 0; i < n; i++) {
            increment.fill(brownian, grid.time(i), grid.time(i + 1));
            forward.step(grid.time(i), x, increment);
            SdeGradient.checkFinite(x, i + 1, grid.time(i + 1));
            if (grid.savedStep(next) == i + 1) {
                saved[next++] = x.clone();
            }
        }
        double[][] grads = new double[k][d];
        double value = loss.evaluate(saved, grads);
        Stepper backward = RungeKuttaSchemes.HEUN.newStepper(reversedAugmented(sde, fixed));
        double[] z = new double[2 * d + p];
        int next = k - 1;
        for (int i = n; i >= 1; i--) {
            if (next >= 0 && grid.savedStep(next) == i) {
                System.arraycopy(saved[next], 0, z, 0, d);
                for (int e = 0; e < d; e++) {
                    z[d + e] += grads[next][e];
                }
                next--;
            }
            increment.fill(brownian, grid.time(i - 1), grid.time(i));
            backward.step(-grid.time(i), z, increment);
            SdeGradient.checkFinite(z, i - 1, grid.time(i - 1));
        }
        return new SolveGradient(value, Arrays.copyOfRange(z, 2 * d, 2 * d + p), Arrays.copyOfRange(z, d, 2 * d),
                saved, (long) k * d + 2L * d + p);
    }

    /**
     * The augmented system {@code (X, a, a_θ)} in reversed time s = −t, as an {@link Sde} with d Brownian
     * motions: drift {@code −F(−s, z)} and noise term {@code −G(−s, z) ΔW}, to be stepped with the forward
     * increments ΔW of each interval, from s = −t_{n+1} to s = −t_n.
     */
    static Sde reversedAugmented(ParametricSde sde, double[] theta) {
        int d = sde.stateDimension();
        int p = sde.parameterCount();
        double[] x = new double[d];
        double[] a = new double[d];
        double[] v = new double[d];
        double[] fx = new double[d];
        double[] dx = new double[d];
        double[] dTheta = new double[p];
        return Sde.builder(2 * d + p, d).drift((s, z, out) -> {
            System.arraycopy(z, 0, x, 0, d);
            System.arraycopy(z, d, a, 0, d);
            Arrays.fill(dx, 0);
            Arrays.fill(dTheta, 0);
            sde.drift(-s, x, theta, fx);
            sde.driftVjp(-s, x, theta, a, dx, dTheta);
            for (int e = 0; e < d; e++) {
                out[e] = -fx[e];
                out[d + e] = dx[e];
            }
            System.arraycopy(dTheta, 0, out, 2 * d, p);
        }).diffusion((s, z, dw, out) -> {
            System.arraycopy(z, 0, x, 0, d);
            Arrays.fill(dx, 0);
            Arrays.fill(dTheta, 0);
            for (int e = 0; e < d; e++) {
                v[e] = z[d + e] * dw[e];
            }
            sde.diffusion(-s, x, theta, fx);
            sde.diffusionVjp(-s, x, theta, v, dx, dTheta);
            for (int e = 0; e < d; e++) {
                out[e] = -fx[e] * dw[e];
                out[d + e] = dx[e];
            }
            System.arraycopy(dTheta, 0, out, 2 * d, p);
        }, NoiseStructure.GENERAL).calculus(Calculus.STRATONOVICH).build();
    }

    @Override
    public String toString() {
        return "stochastic adjoint (Heun both ways)";
    }
}
