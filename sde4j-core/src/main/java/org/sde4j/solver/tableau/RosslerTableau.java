package org.sde4j.solver.tableau;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The coefficients of Rößler's stochastic Runge–Kutta families of strong order 1.5 (A. Rößler, "Runge–Kutta
 * methods for the strong approximation of solutions of stochastic differential equations", SIAM J.
 * Numer. Anal. 48 (2010) 922–952), in the paper's notation, with their order conditions. Each converts to
 * a {@link StochasticTableau} for the one generic step.
 *
 * <p><b>SRI</b> (Itô, scalar or diagonal noise), s stages, with {@code I_(1) = ΔW},
 * {@code I_(1,1) = (ΔW² − h)/2}, {@code I_(1,0)} the time integral of W and {@code I_(1,1,1) = (ΔW³ − 3hΔW)/6}:
 * <pre>
 *   H⁰_i = X + Σ_j A⁰_ij f(t + c⁰_j h, H⁰_j) h + Σ_j B⁰_ij g(t + c¹_j h, H¹_j) I_(1,0)/h
 *   H¹_i = X + Σ_j A¹_ij f(t + c⁰_j h, H⁰_j) h + Σ_j B¹_ij g(t + c¹_j h, H¹_j) √h
 *   X_{n+1} = X + Σ_i α_i f(H⁰_i) h + Σ_i (β¹_i I_(1) + β²_i I_(1,1)/√h + β³_i I_(1,0)/h + β⁴_i I_(1,1,1)/h) g(H¹_i)
 * </pre>
 * <b>SRA</b> (additive noise): the same drift stages, and
 * {@code X_{n+1} = X + Σ α_i f(H⁰_i) h + Σ (β¹_i I_(1) + β²_i I_(1,0)/h) g(t + c¹_i h)}.
 *
 * <p>The tableaus carry the embedded error estimates of Rackauckas &amp; Nie (2017, "Adaptive methods for
 * stochastic differential equations via natural embeddings and rejection sampling with memory"): for SRI
 * {@code E₁ = h (f(H⁰_1) + f(H⁰_2))} and {@code E₂ = Σ_i (β³_i I_(1,0)/h + β⁴_i I_(1,1,1)/h) g(H¹_i)}, the
 * terms beyond a strong-order-1 method; for SRA {@code E₁ = h Σ_i f(H⁰_i)} over every stage and
 * {@code E₂ = Σ_i β²_i (I_(1,0)/h) g(t + c¹_i h)} (as StochasticDiffEq.jl's SRA and SOSRA steps form them).
 *
 * <p>In the generic tableau the stages are interleaved (H⁰_1, H¹_1, H⁰_2, H¹_2, …), so each stage only
 * looks back, and {@code I_(1,0)/h = ΔW/2 + H} comes from the step's space-time Lévy area H.
 */
public final class RosslerTableau {
    private final boolean additive;
    private final double[] c0;
    private final double[] c1;
    private final double[][] a0;
    private final double[][] a1;
    private final double[][] b0;
    private final double[][] b1;
    private final double[] alpha;
    private final double[] beta1;
    private final double[] beta2;
    private final double[] beta3;
    private final double[] beta4;

    private RosslerTableau(boolean additive, double[] c0, double[] c1, double[][] a0, double[][] a1, double[][] b0,
            double[][] b1, double[] alpha, double[] beta1, double[] beta2, double[] beta3, double[] beta4) {
        // Copies: a caller's later change to its arrays must not change the scheme.
        this.additive = additive;
        this.c0 = copy(c0);
        this.c1 = copy(c1);
        this.a0 = copy(a0);
        this.a1 = copy(a1);
        this.b0 = copy(b0);
        this.b1 = copy(b1);
        this.alpha = copy(alpha);
        this.beta1 = copy(beta1);
        this.beta2 = copy(beta2);
        this.beta3 = copy(beta3);
        this.beta4 = copy(beta4);
    }

    private static double[] copy(double[] v) {
        return v == null ? null : v.clone();
    }

    private static double[][] copy(double[][] m) {
        if (m == null) {
            return null;
        }
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }

    /** The number of stages s. */
    public int stages() {
        return alpha.length;
    }

    /** An SRI tableau (Itô, scalar/diagonal noise). */
    public static RosslerTableau sri(double[] c0, double[] c1, double[][] a0, double[][] a1, double[][] b0,
            double[][] b1, double[] alpha, double[] beta1, double[] beta2, double[] beta3, double[] beta4) {
        return new RosslerTableau(false, c0, c1, a0, a1, b0, b1, alpha, beta1, beta2, beta3, beta4);
    }

    /** An SRA tableau (additive noise): β² multiplies {@code I_(1,0)/h}. */
    public static RosslerTableau sra(double[] c0, double[] c1, double[][] a0, double[][] b0, double[] alpha,
            double[] beta1, double[] beta2) {
        return new RosslerTableau(true, c0, c1, a0, null, b0, null, alpha, beta1, beta2, null, null);
    }

    /** The tableau for the generic step (stages interleaved: drift stage 2i, diffusion stage 2i + 1). */
    public StochasticTableau toStochasticTableau() {
        int s = alpha.length;
        int n = 2 * s;
        double[] c = new double[n];
        double[][] a = new double[n][n];
        double[][] bTime = new double[n][n];
        double[][] bSqrt = new double[n][n];
        double[] al = new double[n];
        double[] w1 = new double[n];
        double[] w2 = new double[n];
        double[] w3 = new double[n];
        double[] w4 = new double[n];
        for (int i = 0; i < s; i++) {
            c[2 * i] = c0[i];
            c[2 * i + 1] = c1[i];
            al[2 * i] = alpha[i];
            w1[2 * i + 1] = beta1[i];
            if (additive) {
                w3[2 * i + 1] = beta2[i];
            } else {
                w2[2 * i + 1] = beta2[i];
                w3[2 * i + 1] = beta3[i];
                w4[2 * i + 1] = beta4[i];
            }
            for (int j = 0; j < i; j++) {
                a[2 * i][2 * j] = a0[i][j];
                bTime[2 * i][2 * j + 1] = b0[i][j];
                if (!additive) {
                    a[2 * i + 1][2 * j] = a1[i][j];
                    bSqrt[2 * i + 1][2 * j + 1] = b1[i][j];
                }
            }
        }
        StochasticTableau.Builder builder = StochasticTableau.builder(c, a, al)
                .noise(NoiseTerm.DW, new double[n][n], w1)
                .noise(NoiseTerm.TIME_INTEGRAL, bTime, w3);
        if (!additive) {
            builder.noise(NoiseTerm.SQRT_H, bSqrt, new double[n])
                    .noise(NoiseTerm.ITO_SQUARE, new double[n][n], w2)
                    .noise(NoiseTerm.ITO_CUBE, new double[n][n], w4);
            // Rackauckas & Nie (2017): E₁ = h (f(H⁰_1) + f(H⁰_2)), E₂ = the I_(1,0) and I_(1,1,1) terms.
            double[] errorDrift = new double[n];
            errorDrift[0] = 1;
            errorDrift[2] = 1;
            java.util.Map<NoiseTerm, double[]> errorNoise = new java.util.EnumMap<>(NoiseTerm.class);
            errorNoise.put(NoiseTerm.TIME_INTEGRAL, w3);
            errorNoise.put(NoiseTerm.ITO_CUBE, w4);
            builder.errorEstimate(errorDrift, errorNoise);
            // The drift part reads stages 1 and 2 only; stages 3 and 4 (SOSRI's fourth at t + 3.75 h) are watched.
            double[] unseen = new double[n];
            for (int i = 2; i < s; i++) {
                unseen[2 * i] = Math.abs(alpha[i]);
            }
            builder.watchUnseenDrift(unseen);
        } else {
            // Rackauckas & Nie (2017) for SRA: E₁ = h Σ_i f(H⁰_i), every drift stage; E₂ = the I_(1,0) terms.
            double[] errorDrift = new double[n];
            for (int i = 0; i < s; i++) {
                errorDrift[2 * i] = 1;
            }
            builder.errorEstimate(errorDrift, java.util.Map.of(NoiseTerm.TIME_INTEGRAL, w3));
        }
        return builder.build();
    }

    /**
     * Residuals of the strong-order-1.5 conditions (each should be 0): Rößler (2010), Theorem 5.1 for SRI
     * (25 conditions) and the SRA conditions of the same paper (8), in the matrix form used by
     * StochasticDiffEq.jl's checks.
     */
    public Map<String, Double> orderConditionResiduals() {
        Map<String, Double> r = new LinkedHashMap<>();
        int s = alpha.length;
        double[] e = new double[s];
        java.util.Arrays.fill(e, 1.0);
        double[] b0e = mul(b0, e);
        r.put("αᵀe = 1", dot(alpha, e) - 1);
        r.put("β¹ᵀe = 1", dot(beta1, e) - 1);
        r.put("β²ᵀe = 0", dot(beta2, e));
        r.put("αᵀB⁰e = 1", dot(alpha, b0e) - 1);
        r.put("αᵀA⁰e = 1/2", dot(alpha, mul(a0, e)) - 0.5);
        r.put("αᵀ(B⁰e)² = 3/2", dot(alpha, sq(b0e)) - 1.5);
        if (additive) {
            r.put("β¹ᵀc¹ = 1", dot(beta1, c1) - 1);
            r.put("β²ᵀc¹ = −1", dot(beta2, c1) + 1);
            return r;
        }
        double[] b1e = mul(b1, e);
        double[] a1e = mul(a1, e);
        double[] b1b1e = mul(b1, b1e);
        double[] a1b0e = mul(a1, b0e);
        double[][] betas = {beta1, beta2, beta3, beta4};
        double[] sums = {1, 0, 0, 0};
        double[] withB1 = {0, 1, 0, 0};
        double[] withA1 = {1, 0, -1, 0};
        double[] withB1Squared = {1, 0, -1, 2};
        double[] withB1B1 = {0, 0, 0, 1};
        for (int k = 0; k < 4; k++) {
            String b = "β" + "¹²³⁴".charAt(k);
            if (k >= 2) {
                r.put(b + "ᵀe = 0", dot(betas[k], e) - sums[k]);
            }
            r.put(b + "ᵀB¹e = " + withB1[k], dot(betas[k], b1e) - withB1[k]);
            r.put(b + "ᵀA¹e = " + withA1[k], dot(betas[k], a1e) - withA1[k]);
            r.put(b + "ᵀ(B¹e)² = " + withB1Squared[k], dot(betas[k], sq(b1e)) - withB1Squared[k]);
            r.put(b + "ᵀB¹(B¹e) = " + withB1B1[k], dot(betas[k], b1b1e) - withB1B1[k]);
        }
        r.put("½β¹ᵀA¹(B⁰e) + ⅓β³ᵀA¹(B⁰e) = 0", 0.5 * dot(beta1, a1b0e) + dot(beta3, a1b0e) / 3);
        return r;
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double[] mul(double[][] m, double[] v) {
        double[] z = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            z[i] = dot(m[i], v);
        }
        return z;
    }

    private static double[] sq(double[] v) {
        double[] z = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            z[i] = v[i] * v[i];
        }
        return z;
    }
}
