package org.sde4j.solver.scheme;

import java.util.EnumSet;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.Orders;
import org.sde4j.solver.Stepper;

/**
 * SK-ROCK, the stabilised explicit scheme of weak order 1 for stiff Itô SDEs (Abdulle, Almuslimani &amp; Vilmart
 * 2018, "Optimal explicit stabilized integrator of weak order one for stiff and ergodic stochastic differential
 * equations", SIAM/ASA J. Uncertainty Quantification 6(2), 937–964). With s stages and damping η, {@code Q = g(t,
 * X) ΔW},
 *
 * <pre>
 *   ω₀ = 1 + η/s²,  ω₁ = T_s(ω₀)/T_s'(ω₀),
 *   K₀ = X,  K₁ = X + μ₁ h f(X + ν₁ Q) + κ₁ Q,              μ₁ = ω₁/ω₀, ν₁ = s ω₁/2, κ₁ = s ω₁/ω₀,
 *   K_j = μ_j h f(K_{j−1}) + ν_j K_{j−1} + κ_j K_{j−2},      μ_j = 2ω₁ T_{j−1}/T_j, ν_j = 2ω₀ T_{j−1}/T_j,
 *                                                           κ_j = −T_{j−2}/T_j   (T_j = T_j(ω₀), j = 2 … s),
 *   X_{n+1} = K_s,
 * </pre>
 *
 * <p>T_j the Chebyshev polynomials of the first kind (closed-form coefficients: no tables). On ODEs it is the
 * damped first-order Chebyshev (RKC) method, stable for {@code hλ ∈ [−ℓ_s, 0]}, {@code ℓ_s = 2ω₀/ω₁ ≈ (2 − 4η/3)
 * s²} (the stability polynomial {@code T_s(ω₀ + ω₁ z)/T_s(ω₀)} stays below 1 in modulus there); the noise term's
 * coefficients sum to 1 ({@code s ω₁ U_{s−1}(ω₀)/T_s(ω₀) = 1}, since {@code T_s' = s U_{s−1}}), and the noise
 * enters through the first stage, whose damping keeps the mean-square stability domain of the linear test
 * equation {@code dX = λX dt + μX dW} growing like s² along the negative real axis (the paper's Theorem 3.3; see
 * {@link #meanSquareAmplification} and its test for the region this implementation checks).
 *
 * <p>Strong order 1/2 (1 for additive noise, as measured by the order tests), weak order 1, classical order 1;
 * 1 diffusion and s drift evaluations per step. The registered {@code "sk-rock"} chooses s every step from a bound
 * ρ of the spectral radius of {@code ∂f/∂x} at the current state: the SDE's own {@linkplain
 * Sde#driftSpectralRadius bound} when it has one (O(1) per step), else the Gershgorin bound {@code max_i Σ_k |J_ik|}
 * when the SDE has a {@linkplain Sde#driftJacobian drift Jacobian} (O(d²) per step), else nonlinear power iteration (up to
 * {@value #POWER_ITERATIONS} difference quotients {@code (f(X + εv) − f(X))/ε} from a fixed start vector, until the
 * estimate changes by less than 0.2 %; an estimate from below, which the safety factor 1.2 covers for well separated
 * spectra but not always for clustered ones — give a Jacobian then). Either way the choice depends on the state
 * alone, so the bits do not depend on the order paths are stepped in: the smallest s with {@code ℓ_s ≥ 1.2 h ρ}.
 * {@link #withStages} fixes s instead.
 */
public final class SkRock extends DeclaredScheme {
    static final int POWER_ITERATIONS = 50;
    private static final double SAFETY = 1.2;
    /** The largest stage count the automatic choice takes. */
    static final int MAX_STAGES = 1000;

    /** SK-ROCK with damping η = 0.05 and the stage count chosen each step by power iteration. */
    public static final SkRock INSTANCE = new SkRock(0, 0.05);

    private final int stages;
    private final double damping;
    /** ℓ at {@value #MAX_STAGES} stages, the longest interval the automatic choice reaches (computed once: O(s)). */
    private final double longest;

    private SkRock(int stages, double damping) {
        super(stages == 0 ? "sk-rock" : "sk-rock-" + stages,
                "s-stage Chebyshev stages with damping η = " + damping + ", noise in the first stage"
                        + (stages == 0 ? ", s from the stiffness each step (Gershgorin bound of the drift Jacobian, else power iteration)" : ", s = " + stages)
                        + " (Abdulle, Almuslimani & Vilmart 2018, SK-ROCK)",
                Calculus.ITO, EnumSet.of(NoiseStructure.GENERAL),
                Orders.strong(0.5).strongOn(NoiseStructure.ADDITIVE, 1.0).weak(1.0).classical(1.0), Math.max(1, stages),
                1);
        this.stages = stages;
        this.damping = damping;
        this.longest = stabilityLength(MAX_STAGES);
    }

    /**
     * SK-ROCK with a fixed number of stages.
     *
     * @param stages  s ≥ 1
     * @param damping η ≥ 0 (0.05 is the paper's choice)
     * @throws IllegalArgumentException naming a value out of range
     */
    public static SkRock withStages(int stages, double damping) {
        if (stages < 1 || stages > MAX_STAGES) {
            throw new IllegalArgumentException("stages = " + stages + ": must be in [1, " + MAX_STAGES + "]");
        }
        checkDamping(damping);
        return new SkRock(stages, damping);
    }

    /** SK-ROCK with the stage count chosen each step, and damping η ≥ 0. */
    public static SkRock withDamping(double damping) {
        checkDamping(damping);
        return new SkRock(0, damping);
    }

    private static void checkDamping(double damping) {
        if (!(damping >= 0 && damping <= 10)) {
            throw new IllegalArgumentException("damping = " + damping + ": must lie in [0, 10]");
        }
    }

    /** The fixed stage count, or 0 when it is chosen each step. */
    public int stages() {
        return stages;
    }

    /** η. */
    public double damping() {
        return damping;
    }

    /** ℓ_s = 2ω₀/ω₁: the length of the real stability interval [−ℓ_s, 0] with s stages. */
    public double stabilityLength(int s) {
        double[] c = coefficients(s, damping);
        return 2 * c[0] / c[1];
    }

    /** The smallest s with {@code ℓ_s ≥ 1.2 hρ} (at most {@value #MAX_STAGES}): the automatic stage count. */
    public int stagesFor(double hRho) {
        double target = SAFETY * hRho;
        if (!(target < longest)) {
            return MAX_STAGES;
        }
        int s = (int) Math.max(1, Math.min(MAX_STAGES, Math.ceil(Math.sqrt(target / (2 - 4 * damping / 3)))));
        while (s > 1 && stabilityLength(s - 1) >= target) {
            s--;
        }
        while (s < MAX_STAGES && stabilityLength(s) < target) {
            s++;
        }
        return s;
    }

    /**
     * {@code {ω₀, ω₁, T_0(ω₀), …, T_s(ω₀)}}: the Chebyshev values the stages need.
     */
    static double[] coefficients(int s, double damping) {
        double w0 = 1 + damping / ((double) s * s);
        double[] out = new double[s + 3];
        double tPrev = 1;
        double t = w0;
        double uPrev = 1; // U_0
        double u = 2 * w0; // U_1
        out[2] = 1;
        out[3] = w0;
        for (int j = 2; j <= s; j++) {
            double next = 2 * w0 * t - tPrev;
            tPrev = t;
            t = next;
            out[j + 2] = t;
            double uNext = 2 * w0 * u - uPrev;
            uPrev = u;
            u = uNext;
        }
        // T_s'(ω₀) = s U_{s−1}(ω₀): U_{s−1} is uPrev after the loop (U_0 when s = 1).
        double derivative = s * (s == 1 ? 1 : uPrev);
        out[0] = w0;
        out[1] = t / derivative;
        return out;
    }

    /**
     * The one-step map of the linear test equation {@code dX = λX dt + μX dW} with s stages:
     * {@code X_{n+1} = (A(p) + B(p) √q ξ) X_n}, p = hλ, q = hμ², ξ ~ N(0, 1); returns {@code E|R|² = A² + q B²}
     * (mean-square stable when below 1).
     */
    public double meanSquareAmplification(int s, double p, double q) {
        double[] ab = linearMap(s, p);
        return ab[0] * ab[0] + q * ab[1] * ab[1];
    }

    /**
     * {@code {A(p), B(p)}}: the s-stage step of {@code dX = λX dt + g dW} with p = hλ is {@code X_{n+1} = A X_n + B Q},
     * Q the step's noise term ({@code μ X ΔW} for multiplicative noise, {@code σ ΔW} for additive noise): with
     * additive noise a mode's variance follows {@code v ← A² v + B² σ² h}.
     */
    public double[] linearMap(int s, double p) {
        double[] c = coefficients(s, damping);
        double w0 = c[0];
        double w1 = c[1];
        double mu1 = w1 / w0;
        double nu1 = s * w1 / 2;
        double kappa1 = s * w1 / w0;
        // Track (A_j, B_j) with K_j = A_j X + B_j Q.
        double aPrev = 1;
        double bPrev = 0;
        double a = 1 + mu1 * p;
        double b = mu1 * p * nu1 + kappa1;
        for (int j = 2; j <= s; j++) {
            double mu = 2 * w1 * c[j + 1] / c[j + 2];
            double nu = 2 * w0 * c[j + 1] / c[j + 2];
            double kappa = -c[j] / c[j + 2];
            double an = (mu * p + nu) * a + kappa * aPrev;
            double bn = (mu * p + nu) * b + kappa * bPrev;
            aPrev = a;
            bPrev = b;
            a = an;
            b = bn;
        }
        return new double[] {a, b};
    }

    @Override
    public Stepper newStepper(Sde sde) {
        checkSupports(sde);
        return new SkRockStepper(this, sde);
    }

    /** One thread's workspace. */
    static final class SkRockStepper implements Stepper {
        private final SkRock scheme;
        private final Sde sde;
        private final int d;
        private final double[] q;
        private final double[] f;
        private final double[] k0;
        private final double[] k1;
        private final double[] y;
        private final double[] v;
        private final double[] fy;
        private final double[] start;
        private final double[] jacobian;
        private int cachedStages = -1;
        private double[] cached;

        SkRockStepper(SkRock scheme, Sde sde) {
            this.scheme = scheme;
            this.sde = sde;
            this.d = sde.stateDimension();
            this.q = new double[d];
            this.f = new double[d];
            this.k0 = new double[d];
            this.k1 = new double[d];
            this.y = new double[d];
            this.v = new double[d];
            this.fy = new double[d];
            this.start = new double[d];
            // A fixed start vector with irregular components (a Weyl sequence, frac(i φ) − ½), so that it meets every
            // mode; deterministic, so the estimate depends on the state alone.
            for (int i = 0; i < d; i++) {
                double golden = (i + 1) * 0.6180339887498949;
                start[i] = golden - Math.floor(golden) - 0.5;
            }
            this.jacobian = sde.hasDriftJacobian() ? new double[d * d] : null;
        }

        @Override
        public void step(double t, double[] x, Increment noise) {
            step(t, x, noise, scheme.stages > 0 ? 0 : spectralRadius(t, x));
        }

        /** {@link #step(double, double[], Increment)} with ρ already known (ignored when s is fixed). */
        void step(double t, double[] x, Increment noise, double rho) {
            double h = noise.h();
            int s = scheme.stages > 0 ? scheme.stages : scheme.stagesFor(h * rho);
            if (s != cachedStages) {
                cached = coefficients(s, scheme.damping);
                cachedStages = s;
            }
            double[] c = cached;
            double w0 = c[0];
            double w1 = c[1];
            sde.diffusion(t, x, noise.dw(), q);
            double nu1 = s * w1 / 2;
            for (int i = 0; i < d; i++) {
                y[i] = x[i] + nu1 * q[i];
                k0[i] = x[i];
            }
            sde.drift(t, y, f);
            double mu1 = w1 / w0;
            double kappa1 = s * w1 / w0;
            for (int i = 0; i < d; i++) {
                k1[i] = x[i] + mu1 * h * f[i] + kappa1 * q[i];
            }
            double[] previous = k0;
            double[] current = k1;
            // Stage times: the same recursion on x' = 1, c₀ = 0, c₁ = μ₁, c_j = μ_j + ν_j c_{j−1} + κ_j c_{j−2}.
            double cPrev = 0;
            double cNow = mu1;
            for (int j = 2; j <= s; j++) {
                double mu = 2 * w1 * c[j + 1] / c[j + 2];
                double nu = 2 * w0 * c[j + 1] / c[j + 2];
                double kappa = -c[j] / c[j + 2];
                sde.drift(t + cNow * h, current, f);
                for (int i = 0; i < d; i++) {
                    previous[i] = mu * h * f[i] + nu * current[i] + kappa * previous[i];
                }
                double[] swap = previous;
                previous = current;
                current = swap;
                double cNext = mu + nu * cNow + kappa * cPrev;
                cPrev = cNow;
                cNow = cNext;
            }
            System.arraycopy(current, 0, x, 0, d);
        }

        /** ρ(∂f/∂x) at x by nonlinear power iteration from the fixed start vector. */
        double spectralRadius(double t, double[] x) {
            if (sde.hasDriftSpectralRadius()) {
                return sde.driftSpectralRadius(t, x);
            }
            if (jacobian != null) {
                return gershgorin(t, x);
            }
            sde.drift(t, x, f);
            double xNorm = norm(x);
            System.arraycopy(start, 0, v, 0, d);
            double vNorm = norm(v);
            double estimate = 0;
            for (int k = 0; k < POWER_ITERATIONS; k++) {
                // v has norm vNorm; perturb x by a relative 1e-7 along it.
                double eps = 1e-7 * Math.max(1, xNorm) / vNorm;
                for (int i = 0; i < d; i++) {
                    y[i] = x[i] + eps * v[i];
                }
                sde.drift(t, y, fy);
                double scale = 1 / (eps * vNorm);
                for (int i = 0; i < d; i++) {
                    v[i] = (fy[i] - f[i]) * scale;
                }
                // v = J v_old / |v_old|: its norm is the estimate; keep it as the next direction.
                double next = norm(v);
                if (!Double.isFinite(next)) {
                    return Double.POSITIVE_INFINITY;
                }
                if (next == 0) {
                    return estimate;
                }
                vNorm = next;
                boolean converged = k > 4 && Math.abs(next - estimate) <= 0.002 * next;
                estimate = next;
                if (converged) {
                    break;
                }
            }
            return estimate;
        }

        /** The Gershgorin bound {@code max_i Σ_k |J_ik|} ≥ ρ(J), from the SDE's drift Jacobian. */
        private double gershgorin(double t, double[] x) {
            sde.driftJacobian(t, x, jacobian);
            double bound = 0;
            for (int i = 0; i < d; i++) {
                double row = 0;
                for (int k = 0; k < d; k++) {
                    row += Math.abs(jacobian[i * d + k]);
                }
                bound = Math.max(bound, row);
            }
            return bound;
        }

        private double norm(double[] a) {
            double sum = 0;
            for (int i = 0; i < d; i++) {
                sum += a[i] * a[i];
            }
            return Math.sqrt(sum);
        }
    }
}
