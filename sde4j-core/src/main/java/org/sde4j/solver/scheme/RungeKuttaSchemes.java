package org.sde4j.solver.scheme;

import java.util.EnumSet;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.solver.Orders;
import org.sde4j.solver.tableau.NoiseTerm;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * The named schemes defined by tableaus (see {@link StochasticTableau} for the general step). On an ODE
 * ({@link NoiseStructure#NONE}) the Stratonovich methods reduce to their deterministic parents: Heun's
 * method (the explicit trapezoidal rule, RK2) and the explicit midpoint rule, each of classical order 2.
 */
public final class RungeKuttaSchemes {
    private RungeKuttaSchemes() {
    }

    private static final double[][] TWO_STAGE_ZERO = {{0, 0}, {0, 0}};

    /**
     * Stochastic Heun (Stratonovich; Kloeden &amp; Platen 1992 §15; Burrage &amp; Burrage 1996):
     * <pre>
     *   X̃ = X + f(t, X) h + g(t, X) ΔW
     *   X_{n+1} = X + ½ (f(t, X) + f(t + h, X̃)) h + ½ (g(t, X) + g(t + h, X̃)) ΔW
     * </pre>
     * Strong order 1.0 for commutative noise (0.5 for general noise), weak order 1; classical order 2
     * on ODEs. Two drift and two diffusion evaluations.
     */
    public static final RungeKuttaScheme HEUN = RungeKuttaScheme.of("heun",
            "X + ½(f + f(X̃))h + ½(g + g(X̃))ΔW, X̃ = X + f h + g ΔW (stochastic Heun; Burrage & Burrage 1996)",
            Calculus.STRATONOVICH, EnumSet.of(NoiseStructure.GENERAL),
            Orders.strong(0.5).strongOn(NoiseStructure.COMMUTATIVE, 1.0).weak(1.0).classical(2.0),
            StochasticTableau.builder(new double[] {0, 1}, new double[][] {{0, 0}, {1, 0}}, new double[] {0.5, 0.5})
                    .noise(NoiseTerm.DW, new double[][] {{0, 0}, {1, 0}}, new double[] {0.5, 0.5})
                    .build());

    /**
     * Stochastic midpoint rule (Stratonovich; Burrage &amp; Burrage 1996):
     * <pre>
     *   X̃ = X + ½ f(t, X) h + ½ g(t, X) ΔW
     *   X_{n+1} = X + f(t + h/2, X̃) h + g(t + h/2, X̃) ΔW
     * </pre>
     * Strong order 1.0 for commutative noise (0.5 for general noise), weak order 1; classical order 2
     * on ODEs. Two drift and two diffusion evaluations.
     */
    public static final RungeKuttaScheme MIDPOINT = RungeKuttaScheme.of("midpoint",
            "X + f(X̃) h + g(X̃) ΔW, X̃ = X + ½ f h + ½ g ΔW (stochastic midpoint rule)",
            Calculus.STRATONOVICH, EnumSet.of(NoiseStructure.GENERAL),
            Orders.strong(0.5).strongOn(NoiseStructure.COMMUTATIVE, 1.0).weak(1.0).classical(2.0),
            StochasticTableau.builder(new double[] {0, 0.5}, new double[][] {{0, 0}, {0.5, 0}}, new double[] {0, 1})
                    .noise(NoiseTerm.DW, new double[][] {{0, 0}, {0.5, 0}}, new double[] {0, 1})
                    .build());

    /**
     * Euler–Heun (Stratonovich; Euler in the drift, Heun in the diffusion):
     * <pre>
     *   X̃ = X + g(t, X) ΔW
     *   X_{n+1} = X + f(t, X) h + ½ (g(t, X) + g(t, X̃)) ΔW
     * </pre>
     * The diffusion part reproduces the Stratonovich Milstein term {@code ½ Σ g^j ∂g^k ΔW_j ΔW_k} when the
     * noise commutes, so the strong order is 1.0 for commutative noise (0.5 in general); weak order 1;
     * classical order 1 on ODEs. One drift and two diffusion evaluations.
     */
    public static final RungeKuttaScheme EULER_HEUN = RungeKuttaScheme.of("euler-heun",
            "X + f h + ½(g + g(X̃))ΔW, X̃ = X + g ΔW (Euler–Heun)",
            Calculus.STRATONOVICH, EnumSet.of(NoiseStructure.GENERAL),
            Orders.strong(0.5).strongOn(NoiseStructure.COMMUTATIVE, 1.0).weak(1.0).classical(1.0),
            StochasticTableau.builder(new double[] {0, 0}, TWO_STAGE_ZERO, new double[] {1, 0})
                    .noise(NoiseTerm.DW, new double[][] {{0, 0}, {1, 0}}, new double[] {0.5, 0.5})
                    .build());

    /**
     * The classical fourth-order Runge–Kutta method (Kutta 1901) for ODEs ({@link NoiseStructure#NONE}
     * only):
     * <pre>
     *   k1 = f(t, x), k2 = f(t + h/2, x + h k1/2), k3 = f(t + h/2, x + h k2/2), k4 = f(t + h, x + h k3)
     *   x_{n+1} = x + h (k1 + 2 k2 + 2 k3 + k4) / 6
     * </pre>
     */
    public static final RungeKuttaScheme RK4 = RungeKuttaScheme.of("rk4",
            "x + h(k1 + 2k2 + 2k3 + k4)/6 (classical Runge–Kutta; ODEs only)",
            Calculus.ITO, EnumSet.of(NoiseStructure.NONE), Orders.strong(4.0).weak(4.0).classical(4.0),
            StochasticTableau.builder(new double[] {0, 0.5, 0.5, 1},
                    new double[][] {{0, 0, 0, 0}, {0.5, 0, 0, 0}, {0, 0.5, 0, 0}, {0, 0, 1, 0}},
                    new double[] {1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6}).build());
}
