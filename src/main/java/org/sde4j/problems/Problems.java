package org.sde4j.problems;

import java.util.List;
import java.util.stream.Collectors;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Require;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

/**
 * The problem library: test SDEs with exact solutions, as collected in the project's references
 * (StochasticDiffEq.jl's linear test problem, Kloeden–Platen's nonlinear examples, Higham 2001).
 * All are Itô SDEs with one noise; {@code sde().convertedTo(STRATONOVICH)} gives the same process in
 * Stratonovich form, with the same exact solution.
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
 * </table>
 *
 * <p>All on {@code [0, 1]}.
 */
public final class Problems {
    private Problems() {
    }

    /** Every named problem, in a stable order. */
    public static List<TestProblem> all() {
        return List.of(gbm(), ou(), cubic(), wave(), additive());
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
     * {@code X(t) = X0 exp((a − b²/2) t + b W_t)}, {@code E X(t) = X0 e^{a t}}.
     */
    public static TestProblem gbm(double a, double b, double x0, double t1) {
        Require.finite("a", a);
        Require.finite("b", b);
        Sde sde = Sde.scalar((t, x) -> a * x, (t, x) -> b * x).withDiffusionDerivative((t, x) -> b);
        return new TestProblem("gbm", "dX = a X dt + b X dW, a = " + a + ", b = " + b + ", X0 = " + x0
                + " (geometric Brownian motion; StochasticDiffEq prob_sde_linear)",
                SdeProblem.of(sde, x0, 0, t1),
                (t, w, out) -> out[0] = x0 * Math.exp((a - 0.5 * b * b) * t + b * w[0]),
                t -> new double[] {x0 * Math.exp(a * t)});
    }

    /** {@code ou} with θ = 1, σ = 0.2, X0 = 1. */
    public static TestProblem ou() {
        return ou(1.0, 0.2, 1.0, 1.0);
    }

    /**
     * Ornstein–Uhlenbeck {@code dX = −θ X dt + σ dW} on {@code [0, t1]}, additive noise. Its solution
     * {@code X0 e^{−θt} + σ ∫ e^{−θ(t−s)} dW_s} is not a function of {@code W_t}, so only the mean
     * {@code X0 e^{−θt}} is given.
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
                t -> new double[] {x0 * Math.exp(-theta * t)});
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
                t -> new double[] {GaussianExpectation.of(w -> Math.tanh(c + 0.5 * w), t)});
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
                t -> new double[] {GaussianExpectation.of(w -> Math.atan(0.1 * w + c), t)});
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
                t -> new double[] {(x0 + beta * t) / Math.sqrt(1 + t)});
    }

    private static double atanh(double x) {
        return 0.5 * Math.log((1 + x) / (1 - x));
    }
}
