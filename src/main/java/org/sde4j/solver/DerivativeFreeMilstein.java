package org.sde4j.solver;

import java.util.EnumSet;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;

/**
 * The derivative-free (Runge–Kutta) Milstein scheme (Kloeden &amp; Platen 1992, §11.1, (11.1.5) and its
 * Stratonovich counterpart), for scalar and diagonal noise. The derivative term of the Milstein scheme
 * is replaced by a difference of the diffusion at a supporting value:
 *
 * <pre>
 *   Υ = X + f h + g √h
 *   Itô:           X_{n+1} = X + f h + g ΔW + (g(Υ) − g(X)) (ΔW² − h) / (2√h)
 *   Stratonovich:  X_{n+1} = X + f h + g ΔW + (g(Υ) − g(X)) ΔW² / (2√h)
 * </pre>
 *
 * <p>componentwise, with f and g evaluated at {@code (t_n, X_n)} and {@code g(Υ)} at {@code (t_n, Υ)}.
 * Since {@code g_i(Υ) − g_i(X) = √h Σ_k g_k ∂g_i/∂x_k + O(h)}, this matches the Milstein correction
 * for scalar noise in any dimension and for diagonal noise. Strong order 1.0, weak order 1; one drift
 * and two diffusion evaluations per step.
 */
public final class DerivativeFreeMilstein extends DeclaredScheme {
    /** The Itô form. */
    public static final DerivativeFreeMilstein ITO = new DerivativeFreeMilstein(Calculus.ITO, "milstein-df",
            "X + f h + g ΔW + (g(Υ) − g) (ΔW² − h)/(2√h), Υ = X + f h + g √h (Kloeden & Platen (11.1.5))");
    /** The Stratonovich form. */
    public static final DerivativeFreeMilstein STRATONOVICH = new DerivativeFreeMilstein(Calculus.STRATONOVICH,
            "milstein-df-strat", "X + f h + g ΔW + (g(Υ) − g) ΔW²/(2√h), Υ = X + f h + g √h (Kloeden & Platen §11.1)");

    private final double hCoefficient;

    private DerivativeFreeMilstein(Calculus calculus, String name, String description) {
        super(name, description, calculus,
                EnumSet.of(NoiseStructure.SCALAR, NoiseStructure.DIAGONAL, NoiseStructure.ADDITIVE),
                1.0, EnumSet.noneOf(NoiseStructure.class), 1.0, 1.0, 1, 2);
        this.hCoefficient = calculus == Calculus.ITO ? 1.0 : 0.0;
    }

    @Override
    public Stepper newStepper(Sde sde) {
        checkSupports(sde);
        if (sde.noise() == NoiseStructure.ADDITIVE) {
            return EulerMaruyama.INSTANCE.newStepper(sde.interpretedIn(Calculus.ITO));
        }
        int d = sde.stateDimension();
        boolean scalarNoise = sde.noise() == NoiseStructure.SCALAR;
        double[] f = new double[d];
        double[] g = new double[d];
        double[] support = new double[d];
        double[] gSupport = new double[d];
        double c = hCoefficient;
        return (double t, double[] x, Increment noise) -> {
            double h = noise.h();
            double sqrtH = Math.sqrt(h);
            double[] dw = noise.dw();
            sde.drift(t, x, f);
            sde.diffusionVector(t, x, g);
            for (int i = 0; i < d; i++) {
                support[i] = x[i] + f[i] * h + g[i] * sqrtH;
            }
            sde.diffusionVector(t, support, gSupport);
            double scale = 0.5 / sqrtH;
            for (int i = 0; i < d; i++) {
                double w = scalarNoise ? dw[0] : dw[i];
                x[i] += f[i] * h + g[i] * w + scale * (gSupport[i] - g[i]) * (w * w - c * h);
            }
        };
    }
}
