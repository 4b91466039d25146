package org.sde4j.solver.scheme;

import java.util.EnumSet;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.Orders;
import org.sde4j.solver.Stepper;

/**
 * Derivative-free Itô Milstein schemes for m noises (Kloeden &amp; Platen 1992, (10.3.3) and (11.1.7)):
 *
 * <pre>
 *   X_{n+1} = X + f h + Σ_j g^j ΔW_j + Σ_{j,k} (L^j g^k) I_jk,        L^j = Σ_i g^{i,j} ∂/∂x_i,
 * </pre>
 *
 * <p>with all functions at {@code (t_n, X_n)}. The diffusion is used only through the product of the
 * {@link Sde}: a column is {@code g^j = g · e_j}, and the Milstein sum is evaluated without derivatives
 * by a difference quotient along each column (the directional derivative of the product
 * {@code v ↦ g(x) v} along {@code g^j}):
 *
 * <pre>
 *   Υ^j = X + f h + g^j √h,
 *   Σ_{j,k} (L^j g^k) I_jk ≈ (1/√h) Σ_j [ g(Υ^j) − g(X) ] · I_{j,·}
 * </pre>
 *
 * <p>where {@code I_{j,·}} is row j of the iterated integrals. The quotient's O(√h) error multiplies
 * I_jk, which has mean zero, so the strong order stays 1 (as for the scalar form (11.1.5)).
 *
 * <ul>
 * <li>{@link #COMMUTATIVE}: when {@code L^j g^k = L^k g^j} only the symmetric part of I matters, and
 *     {@code (I + Iᵀ)/2 = (ΔW ΔWᵀ − h·Id)/2} is known from ΔW: no Lévy area is drawn.</li>
 * <li>{@link #GENERAL}: any noise; the Lévy area is required, so the scheme
 *     {@link #needsIteratedIntegrals() declares} it and, for m ≥ 2, must be driven by an
 *     {@link org.sde4j.brownian.IteratedIntegralSource} (for m = 1, {@code I = (ΔW² − h)/2}).</li>
 * </ul>
 *
 * <p>Strong order 1.0, weak order 1. Cost per step: one drift and 2m + 2 diffusion products
 * (m columns, g·ΔW, g(X)·Σ_j I_{j,·}, and one product at each Υ^j); the registry states 6, the count for
 * m = 2.
 */
public final class MultiNoiseMilstein extends DeclaredScheme {
    /** For commutative noise (no Lévy area). */
    public static final MultiNoiseMilstein COMMUTATIVE = new MultiNoiseMilstein("milstein-commutative",
            "X + f h + g ΔW + Σ_j (g(X + f h + g^j√h) − g)·(ΔW_j ΔW − h e_j)/(2√h) (K&P (10.3.16), derivative-free)",
            NoiseStructure.COMMUTATIVE, false);
    /** For general noise (needs iterated integrals). */
    public static final MultiNoiseMilstein GENERAL = new MultiNoiseMilstein("milstein-general",
            "X + f h + g ΔW + Σ_j (g(X + f h + g^j√h) − g)·I_{j,·}/√h, I from a Lévy-area source (K&P (10.3.3))",
            NoiseStructure.GENERAL, true);

    private final boolean general;

    private MultiNoiseMilstein(String name, String description, NoiseStructure noise, boolean general) {
        super(name, description, Calculus.ITO, EnumSet.of(noise), Orders.strong(1.0).weak(1.0).classical(1.0), 1, 6);
        this.general = general;
    }

    @Override
    public boolean needsIteratedIntegrals() {
        return general;
    }

    @Override
    public Stepper newStepper(Sde sde) {
        checkSupports(sde);
        int d = sde.stateDimension();
        int m = sde.noiseDimension();
        double[] f = new double[d];
        double[] gdw = new double[d];
        double[][] columns = new double[m][d];
        double[][] units = new double[m][m];
        for (int j = 0; j < m; j++) {
            units[j][j] = 1.0;
        }
        double[][] rows = new double[m][m];
        double[] rowSum = new double[m];
        double[] base = new double[d];
        double[] support = new double[d];
        double[] product = new double[d];
        double[] correction = new double[d];
        boolean useIntegrals = general && m >= 2;
        return (double t, double[] x, Increment noise) -> {
            double h = noise.h();
            double sqrtH = Math.sqrt(h);
            double[] dw = noise.dw();
            if (useIntegrals) {
                double[] ii = noise.iteratedIntegrals();
                for (int j = 0; j < m; j++) {
                    System.arraycopy(ii, j * m, rows[j], 0, m);
                }
            } else {
                for (int j = 0; j < m; j++) {
                    for (int k = 0; k < m; k++) {
                        rows[j][k] = 0.5 * dw[j] * dw[k];
                    }
                    rows[j][j] -= 0.5 * h;
                }
            }
            java.util.Arrays.fill(rowSum, 0.0);
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < m; k++) {
                    rowSum[k] += rows[j][k];
                }
            }
            sde.drift(t, x, f);
            sde.diffusion(t, x, dw, gdw);
            sde.diffusion(t, x, rowSum, base);
            java.util.Arrays.fill(correction, 0.0);
            for (int j = 0; j < m; j++) {
                sde.diffusion(t, x, units[j], columns[j]);
                double[] column = columns[j];
                for (int i = 0; i < d; i++) {
                    support[i] = x[i] + f[i] * h + column[i] * sqrtH;
                }
                sde.diffusion(t, support, rows[j], product);
                for (int i = 0; i < d; i++) {
                    correction[i] += product[i];
                }
            }
            double scale = 1 / sqrtH;
            for (int i = 0; i < d; i++) {
                x[i] += f[i] * h + gdw[i] + scale * (correction[i] - base[i]);
            }
        };
    }
}
