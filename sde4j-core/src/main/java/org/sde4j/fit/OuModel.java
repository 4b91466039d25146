package org.sde4j.fit;

import java.util.List;

/**
 * The Ornstein–Uhlenbeck process {@code dU = κ (m − U) dt + σ dW} (Uhlenbeck &amp; Ornstein 1930; Vasicek 1977),
 * observed as U = x ({@link #plain()}) or U = ln x ({@link #ofLogarithm()}, the one-factor model of Schwartz 1997
 * for prices, whose likelihood then includes the Jacobian {@code −ln x_{i+1}} so that it compares with GBM's).
 * Exact transition, with {@code e = exp(−κ Δ)}:
 * {@code U_{i+1} | U_i ~ N(m + (U_i − m) e, σ² (1 − e²) / (2κ))}. θ = (ln κ, m, ln σ).
 */
public final class OuModel implements TransitionModel {
    private final boolean log;

    private OuModel(boolean log) {
        this.log = log;
    }

    /** OU on the values themselves. */
    public static OuModel plain() {
        return new OuModel(false);
    }

    /** OU on the logarithm of positive values (exponential OU). */
    public static OuModel ofLogarithm() {
        return new OuModel(true);
    }

    @Override
    public String name() {
        return log ? "log-ou" : "ou";
    }

    @Override
    public List<String> parameterNames() {
        return List.of("kappa", "mean", "sigma");
    }

    @Override
    public boolean needsPositiveValues() {
        return log;
    }

    private double u(double x) {
        return log ? Math.log(x) : x;
    }

    @Override
    public double[] initialGuess(TimeSeries s) {
        int n = s.size() - 1;
        double[] prev = new double[n];
        double[] next = new double[n];
        double dt = (s.time(n) - s.time(0)) / n;
        for (int i = 0; i < n; i++) {
            prev[i] = u(s.value(i));
            next[i] = u(s.value(i + 1));
        }
        double[] ar = Regression.autoregression(prev, next);
        double b = Math.min(Math.max(ar[1], 0.01), 0.999);
        double kappa = -Math.log(b) / dt;
        double m = ar[0] / (1 - ar[1]);
        if (!Double.isFinite(m) || ar[1] != b) {
            m = mean(next);
        }
        double sigma2 = Math.max(ar[2], 1e-12) * 2 * kappa / (1 - b * b);
        return new double[] {Math.log(kappa), m, 0.5 * Math.log(sigma2)};
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    @Override
    public void observation(double next, double[] out) {
        out[0] = u(next);
        out[1] = log ? -out[0] : 0;
    }

    @Override
    public void transition(double[] theta, double t, double x, double next, double[] mean, double[] variance) {
        double dt = next - t;
        double kappa = Math.exp(theta[0]);
        double m = theta[1];
        double sigma2 = Math.exp(2 * theta[2]);
        double e = Math.exp(-kappa * dt);
        double d = u(x) - m;
        mean[0] = m + d * e;
        mean[1] = -d * dt * e * kappa;
        mean[2] = 1 - e;
        mean[3] = 0;
        OuVariance.fill(kappa, sigma2, dt, e, variance, 1, 3);
    }

    @Override
    public double[] natural(double[] theta) {
        return new double[] {Math.exp(theta[0]), theta[1], Math.exp(theta[2])};
    }

    @Override
    public double[] naturalDerivative(double[] theta) {
        return new double[] {Math.exp(theta[0]), 1, Math.exp(theta[2])};
    }

    /** θ from natural (κ, m, σ). */
    public static double[] theta(double kappa, double mean, double sigma) {
        return new double[] {Math.log(kappa), mean, Math.log(sigma)};
    }

    @Override
    public double sample(double[] theta, double t, double x, double next, double z) {
        double[] mean = new double[4];
        double[] variance = new double[4];
        transition(theta, t, x, next, mean, variance);
        double y = mean[0] + Math.sqrt(variance[0]) * z;
        return log ? Math.exp(y) : y;
    }
}
