package org.sde4j.problems;

import java.util.List;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Require;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

/**
 * The problem library: test SDEs with exact solutions, as collected in the project's references
 * (StochasticDiffEq.jl's linear test problem, Kloeden–Platen's nonlinear examples, Higham 2001).
 * All are Itô SDEs; for the scalar ones {@code sde().convertedTo(STRATONOVICH)} gives the same process
 * in Stratonovich form, with the same exact solution. Each declares its noise structure and, where
 * known, its exact pathwise solution, mean and variance ({@link TestProblem}).
 *
 * <table>
 * <caption>The problems</caption>
 * <tr><th>name</th><th>SDE</th><th>exact solution</th></tr>
 * <tr><td>gbm</td><td>dX = a X dt + b X dW, a = 1.01, b = 0.87, X0 = 0.5</td><td>X0 exp((a − b²/2) t + b W_t)</td></tr>
 * <tr><td>ou</td><td>dX = −θ X dt + σ dW, θ = 1, σ = 0.2, X0 = 1</td><td>mean X0 e^{−θt} (no function of W_t)</td></tr>
 * <tr><td>cubic</td><td>dX = −¼ X (1 − X²) dt + ½ (1 − X²) dW, X0 = 0.5</td><td>tanh(atanh X0 + W_t/2)</td></tr>
 * <tr><td>wave</td><td>dX = −0.01 sin X cos³X dt + 0.1 cos²X dW, X0 = 1</td><td>atan(0.1 W_t + tan X0)</td></tr>
 * <tr><td>additive</td><td>dX = (β/√(1+t) − X/(2(1+t))) dt + αβ/√(1+t) dW, α = 0.1, β = 0.05, X0 = 1</td>
 *     <td>(X0 + β(t + α W_t))/√(1+t)</td></tr>
 * <tr><td>gbm-2noise</td><td>dX = a X dt + b1 X dW1 + b2 X dW2, a = −0.02, b = (1, 2), X0 = 1, T = 5</td>
 *     <td>X0 exp((a − (b1² + b2²)/2) t + b1 W1 + b2 W2)</td></tr>
 * <tr><td>logistic</td><td>dX = r X (K − X) dt + β X dW, r = 2, K = 1, β = 0.25, X0 = 0.5</td><td>none (Higham's
 *     milstrong: use a reference)</td></tr>
 * <tr><td>linear-2d</td><td>dX = A X dt + B1 X dW1 + B2 X dW2, d = m = 2, non-commutative</td><td>none pathwise;
 *     exact mean and variance</td></tr>
 * </table>
 *
 * <p>All on {@code [0, 1]} except gbm-2noise (on {@code [0, 5]}).
 */
public final class Problems {
    private Problems() {
    }

    /** Every named problem, in a stable order. */
    public static List<TestProblem> all() {
        return List.of(gbm(), ou(), cubic(), wave(), additive(), gbm2noise(), logistic(), linear2d());
    }

    /** The registry names, in order. */
    public static List<String> names() {
        return all().stream().map(TestProblem::name).collect(Collectors.toList());
    }

    /**
     * @throws IllegalArgumentException naming the unknown name and listing the valid ones
     */
    public static TestProblem byName(String name) {
        for (TestProblem p : all()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("problem = " + name + ": unknown; valid names are " + String.join(", ", names()));
    }

    /** {@code gbm} with the parameters of StochasticDiffEq.jl's {@code prob_sde_linear}. */
    public static TestProblem gbm() {
        return gbm(1.01, 0.87, 0.5, 1.0);
    }

    /**
     * Geometric Brownian motion {@code dX = a X dt + b X dW} on {@code [0, t1]}, scalar noise;
     * {@code X(t) = X0 exp((a − b²/2) t + b W_t)}, {@code E X(t) = X0 e^{a t}},
     * {@code Var X(t) = X0² e^{2at} (e^{b²t} − 1)}.
     */
    public static TestProblem gbm(double a, double b, double x0, double t1) {
        Require.finite("a", a);
        Require.finite("b", b);
        Sde sde = Sde.scalar((t, x) -> a * x, (t, x) -> b * x).withDiffusionDerivative((t, x) -> b);
        return new TestProblem("gbm", "dX = a X dt + b X dW, a = " + a + ", b = " + b + ", X0 = " + x0
                + (a == 1.01 && b == 0.87 && x0 == 0.5 ? " (geometric Brownian motion; StochasticDiffEq prob_sde_linear)"
                        : " (geometric Brownian motion)"),
                SdeProblem.of(sde, x0, 0, t1),
                (t, w, out) -> out[0] = x0 * Math.exp((a - 0.5 * b * b) * t + b * w[0]),
                t -> new double[] {x0 * Math.exp(a * t)},
                t -> new double[] {x0 * x0 * Math.exp(2 * a * t) * Math.expm1(b * b * t)});
    }

    /** {@code ou} with θ = 1, σ = 0.2, X0 = 1. */
    public static TestProblem ou() {
        return ou(1.0, 0.2, 1.0, 1.0);
    }

    /**
     * Ornstein–Uhlenbeck {@code dX = −θ X dt + σ dW} on {@code [0, t1]}, additive noise. Its solution
     * {@code X0 e^{−θt} + σ ∫ e^{−θ(t−s)} dW_s} is not a function of {@code W_t}, so only the mean
     * {@code X0 e^{−θt}} and the variance {@code σ²(1 − e^{−2θt})/(2θ)} are given.
     */
    public static TestProblem ou(double theta, double sigma, double x0, double t1) {
        Require.finite("theta", theta);
        Require.finite("sigma", sigma);
        Sde sde = Sde.builder(1, 1)
                .drift((t, x, out) -> out[0] = -theta * x[0])
                .diffusion((t, x, dw, out) -> out[0] = sigma * dw[0], NoiseStructure.ADDITIVE)
                .diffusionDerivative((t, x, out) -> out[0] = 0)
                .build();
        return new TestProblem("ou", "dX = −θ X dt + σ dW, θ = " + theta + ", σ = " + sigma + ", X0 = " + x0
                + " (Ornstein–Uhlenbeck)", SdeProblem.of(sde, x0, 0, t1), null,
                t -> new double[] {x0 * Math.exp(-theta * t)},
                t -> new double[] {sigma * sigma * -Math.expm1(-2 * theta * t) / (2 * theta)});
    }

    /**
     * {@code dX = −¼ X (1 − X²) dt + ½ (1 − X²) dW}, X0 = 0.5, on {@code [0, 1]} (Kloeden &amp; Platen
     * (4.4.46)); {@code X(t) = tanh(atanh X0 + W_t/2)}.
     */
    public static TestProblem cubic() {
        double x0 = 0.5;
        double c = atanh(x0);
        Sde sde = Sde.scalar((t, x) -> -0.25 * x * (1 - x * x), (t, x) -> 0.5 * (1 - x * x))
                .withDiffusionDerivative((t, x) -> -x);
        return new TestProblem("cubic", "dX = −¼ X (1 − X²) dt + ½ (1 − X²) dW, X0 = 0.5 (Kloeden & Platen 4.4.46)",
                SdeProblem.of(sde, x0, 0, 1),
                (t, w, out) -> out[0] = Math.tanh(c + 0.5 * w[0]),
                t -> new double[] {GaussianExpectation.of(w -> Math.tanh(c + 0.5 * w), t)},
                t -> new double[] {variance(w -> Math.tanh(c + 0.5 * w), t)});
    }

    /**
     * {@code dX = −0.01 sin X cos³X dt + 0.1 cos²X dW}, X0 = 1, on {@code [0, 1]} (Kloeden &amp; Platen
     * (4.4.47)); {@code X(t) = atan(0.1 W_t + tan X0)}.
     */
    public static TestProblem wave() {
        double x0 = 1.0;
        double c = Math.tan(x0);
        Sde sde = Sde.scalar((t, x) -> {
            double cos = Math.cos(x);
            return -0.01 * Math.sin(x) * cos * cos * cos;
        }, (t, x) -> {
            double cos = Math.cos(x);
            return 0.1 * cos * cos;
        }).withDiffusionDerivative((t, x) -> -0.2 * Math.cos(x) * Math.sin(x));
        return new TestProblem("wave", "dX = −0.01 sin X cos³X dt + 0.1 cos²X dW, X0 = 1 (Kloeden & Platen 4.4.47)",
                SdeProblem.of(sde, x0, 0, 1),
                (t, w, out) -> out[0] = Math.atan(0.1 * w[0] + c),
                t -> new double[] {GaussianExpectation.of(w -> Math.atan(0.1 * w + c), t)},
                t -> new double[] {variance(w -> Math.atan(0.1 * w + c), t)});
    }

    /**
     * {@code dX = (β/√(1+t) − X/(2(1+t))) dt + αβ/√(1+t) dW}, α = 0.1, β = 0.05, X0 = 1, on {@code [0, 1]}
     * (Kloeden &amp; Platen (4.4.3)), additive noise; {@code X(t) = (X0 + β(t + α W_t))/√(1+t)}.
     */
    public static TestProblem additive() {
        double alpha = 0.1;
        double beta = 0.05;
        double x0 = 1.0;
        Sde sde = Sde.builder(1, 1)
                .drift((t, x, out) -> out[0] = beta / Math.sqrt(1 + t) - x[0] / (2 * (1 + t)))
                .diffusion((t, x, dw, out) -> out[0] = alpha * beta / Math.sqrt(1 + t) * dw[0], NoiseStructure.ADDITIVE)
                .diffusionDerivative((t, x, out) -> out[0] = 0)
                .build();
        return new TestProblem("additive", "dX = (β/√(1+t) − X/(2(1+t))) dt + αβ/√(1+t) dW, α = 0.1, β = 0.05,"
                + " X0 = 1 (Kloeden & Platen 4.4.3)", SdeProblem.of(sde, x0, 0, 1),
                (t, w, out) -> out[0] = (x0 + beta * (t + alpha * w[0])) / Math.sqrt(1 + t),
                t -> new double[] {(x0 + beta * t) / Math.sqrt(1 + t)},
                t -> new double[] {alpha * alpha * beta * beta * t / (1 + t)})
                .withDriftDominated("the noise αβ = 0.005 is so small beside the drift that at h ≥ 2⁻⁹ the drift"
                        + " part's error dominates: heun, midpoint and reversible Heun show order 2.00, SRIW1 and the"
                        + " SRA schemes 2.00 to 2.14, each between its strong and its classical order");
    }

    /**
     * {@code gbm-2noise}: {@code dX = a X dt + b1 X dW1 + b2 X dW2}, a = −0.02, b = (1, 2), X0 = 1, on
     * {@code [0, 0.5]}; one state, two noises (d = 1, m = 2), commutative noise. {@code X(t) = X0 exp((a −
     * (b1² + b2²)/2) t + b1 W1 + b2 W2)} needs both Brownian motions; {@code E X(t) = X0 e^{at}},
     * {@code Var X(t) = X0² e^{2at}(e^{(b1² + b2²)t} − 1)}. The span keeps the log-variance
     * {@code (b1² + b2²) T} at 2.5, so Monte Carlo means and strong errors with some 10^4 paths are
     * meaningful; on [0, 5] (log-variance 25) no feasible number of paths estimates the mean.
     */
    public static TestProblem gbm2noise() {
        double a = -0.02;
        double b1 = 1;
        double b2 = 2;
        double x0 = 1;
        double s2 = b1 * b1 + b2 * b2;
        Sde sde = Sde.builder(1, 2)
                .drift((t, x, out) -> out[0] = a * x[0])
                .diffusion((t, x, dw, out) -> out[0] = x[0] * (b1 * dw[0] + b2 * dw[1]), NoiseStructure.COMMUTATIVE)
                .build();
        return new TestProblem("gbm-2noise", "dX = a X dt + b1 X dW1 + b2 X dW2, a = " + a + ", b = (" + b1 + ", "
                + b2 + "), X0 = " + x0 + ", T = 0.5 (geometric Brownian motion driven by two noises)",
                SdeProblem.of(sde, x0, 0, 0.5),
                (t, w, out) -> out[0] = x0 * Math.exp((a - 0.5 * s2) * t + b1 * w[0] + b2 * w[1]),
                t -> new double[] {x0 * Math.exp(a * t)},
                t -> new double[] {x0 * x0 * Math.exp(2 * a * t) * Math.expm1(s2 * t)});
    }

    /**
     * {@code logistic}: {@code dX = r X (K − X) dt + β X dW}, r = 2, K = 1, β = 0.25, X0 = 0.5, on
     * {@code [0, 1]}, scalar noise (Higham 2001, milstrong). No exact solution or moments: convergence
     * is measured against a fine reference solution on the same Brownian path.
     */
    public static TestProblem logistic() {
        double r = 2;
        double k = 1;
        double beta = 0.25;
        Sde sde = Sde.scalar((t, x) -> r * x * (k - x), (t, x) -> beta * x).withDiffusionDerivative((t, x) -> beta);
        return new TestProblem("logistic", "dX = r X (K − X) dt + β X dW, r = 2, K = 1, β = 0.25, X0 = 0.5"
                + " (stochastic logistic growth; Higham 2001 milstrong)", SdeProblem.of(sde, 0.5, 0, 1), null, null,
                null);
    }

    /**
     * {@code linear-2d}: {@code dX = A X dt + B1 X dW1 + B2 X dW2} in two dimensions on {@code [0, 1]},
     * X0 = (1, 1), with
     *
     * <pre>    A = [[−0.5, 1], [−1, −0.5]],  B1 = [[0.3, 0.6], [0, 0.3]],  B2 = [[0.3, 0], [0.6, 0.3]]</pre>
     *
     * <p>General noise: {@code B1 B2 ≠ B2 B1}, so the commutativity condition fails and no pathwise
     * solution in terms of {@code W_t} exists (strong errors need a reference solution). Exact moments:
     * {@code E X(t) = e^{At} X0}, and the second moment {@code M = E X Xᵀ} solves
     * {@code M' = A M + M Aᵀ + Σ_j B_j M B_jᵀ} (Kloeden &amp; Platen 1992, §4.8), so
     * {@code vec M(t) = e^{Lt} vec(X0 X0ᵀ)} and {@code Var X_i = M_ii − (E X_i)²}.
     */
    public static TestProblem linear2d() {
        double[][] a = {{-0.5, 1}, {-1, -0.5}};
        double[][][] b = {{{0.3, 0.6}, {0, 0.3}}, {{0.3, 0}, {0.6, 0.3}}};
        double[] x0 = {1, 1};
        Sde sde = Sde.builder(2, 2)
                .drift((t, x, out) -> {
                    out[0] = a[0][0] * x[0] + a[0][1] * x[1];
                    out[1] = a[1][0] * x[0] + a[1][1] * x[1];
                })
                .diffusion((t, x, dw, out) -> {
                    out[0] = (b[0][0][0] * x[0] + b[0][0][1] * x[1]) * dw[0] + (b[1][0][0] * x[0] + b[1][0][1] * x[1]) * dw[1];
                    out[1] = (b[0][1][0] * x[0] + b[0][1][1] * x[1]) * dw[0] + (b[1][1][0] * x[0] + b[1][1][1] * x[1]) * dw[1];
                }, NoiseStructure.GENERAL)
                .build();
        double[][] generator = Matrices.secondMomentGenerator(a, b);
        double[] m0 = {x0[0] * x0[0], x0[0] * x0[1], x0[1] * x0[0], x0[1] * x0[1]};
        DoubleFunction<double[]> mean = t -> Matrices.times(Matrices.exp(Matrices.scaled(a, t)), x0);
        return new TestProblem("linear-2d", "dX = A X dt + B1 X dW1 + B2 X dW2, A = [[-0.5, 1], [-1, -0.5]],"
                + " B1 = [[0.3, 0.6], [0, 0.3]], B2 = [[0.3, 0], [0.6, 0.3]], X0 = (1, 1) (linear system,"
                + " non-commutative noise)", new SdeProblem(sde, x0, 0, 1), null, mean,
                t -> {
                    double[] m = Matrices.times(Matrices.exp(Matrices.scaled(generator, t)), m0);
                    double[] mu = mean.apply(t);
                    return new double[] {m[0] - mu[0] * mu[0], m[3] - mu[1] * mu[1]};
                });
    }

    /** {@code Var φ(W_t)} by quadrature. */
    private static double variance(java.util.function.DoubleUnaryOperator phi, double t) {
        double mean = GaussianExpectation.of(phi, t);
        return GaussianExpectation.of(w -> {
            double v = phi.applyAsDouble(w) - mean;
            return v * v;
        }, t);
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }
}
