package org.sde4j.solver.scheme;

import java.util.EnumSet;
import org.sde4j.random.NoiseModels;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.solver.Orders;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.tableau.NoiseTerm;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * Weak schemes: they approximate the law of the solution, {@code E φ(X_T)}, not its paths, and so may be
 * driven by discrete increments with the right moments instead of Gaussians ({@link Scheme#drivingNoise}).
 * An ensemble uses that noise unless the caller chooses a source.
 */
public final class WeakSchemes {
    private WeakSchemes() {
    }

    /**
     * The simplified weak Euler scheme (Kloeden &amp; Platen 1992, (14.1.2)): the Euler–Maruyama update
     * {@code X + f h + g ΔŴ} driven by two-point increments {@code ΔŴ = ±√h} with probability ½ each,
     * which match the Gaussian moments up to order 3 — enough for weak order 1. The tableau is Euler–Maruyama's
     * ({@link EulerMaruyama#TABLEAU}); only the driving noise differs (and it runs on the generic tableau step on
     * both engines: Euler–Maruyama's fused kernels are not its).
     */
    public static final RungeKuttaScheme WEAK_EULER = RungeKuttaScheme.of("weak-euler",
            "X + f h + g ΔŴ, ΔŴ = ±√h w.p. ½ (simplified weak Euler; Kloeden & Platen (14.1.2))", Calculus.ITO,
            EnumSet.of(NoiseStructure.GENERAL), Orders.strong(0.0).weak(1.0).classical(1.0), EulerMaruyama.TABLEAU,
            NoiseModels.twoPoint());

    /**
     * Platen's explicit weak order-2.0 scheme (Kloeden &amp; Platen 1992, (15.1.1)), Itô, driven by
     * three-point increments {@code ΔŴ = ±√(3h)} with probability 1/6 each and 0 with probability 2/3
     * (Gaussian moments matched up to order 5):
     * <pre>
     *   Ῡ = X + f h + g ΔŴ,    Υ± = X + f h ± g √h
     *   X_{n+1} = X + ½ (f(Ῡ) + f) h + ¼ (g(Υ+) + g(Υ−) + 2g) ΔŴ + ¼ (g(Υ+) − g(Υ−)) (ΔŴ² − h)/√h
     * </pre>
     * with {@code f(Ῡ)} at {@code t + h} and the other evaluations at t. For scalar noise, and diagonal
     * noise componentwise (where the scheme's cross terms between noises vanish). Weak order 2; driven by
     * Gaussian increments it is also strong order 1 (it contains the Milstein term). Classical order 2.
     */
    public static final RungeKuttaScheme PLATEN_WEAK_2 = RungeKuttaScheme.of("platen-weak2",
            "X + ½(f(Ῡ) + f)h + ¼(g(Υ+) + g(Υ−) + 2g)ΔŴ + ¼(g(Υ+) − g(Υ−))(ΔŴ² − h)/√h, three-point ΔŴ"
                    + " (Platen; Kloeden & Platen (15.1.1))",
            Calculus.ITO, EnumSet.of(NoiseStructure.SCALAR, NoiseStructure.DIAGONAL, NoiseStructure.ADDITIVE),
            Orders.strong(1.0).weak(2.0).classical(2.0),
            StochasticTableau.builder(new double[] {0, 1, 0, 0},
                    new double[][] {{0, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}},
                    new double[] {0.5, 0.5, 0, 0})
                    .noise(NoiseTerm.DW, new double[][] {{0, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
                            new double[] {0.5, 0, 0.25, 0.25})
                    .noise(NoiseTerm.SQRT_H, new double[][] {{0, 0, 0, 0}, {0, 0, 0, 0}, {1, 0, 0, 0}, {-1, 0, 0, 0}},
                            new double[] {0, 0, 0, 0})
                    .noise(NoiseTerm.ITO_SQUARE, new double[4][4], new double[] {0, 0, 0.5, -0.5})
                    .build(),
            NoiseModels.threePoint());
}
