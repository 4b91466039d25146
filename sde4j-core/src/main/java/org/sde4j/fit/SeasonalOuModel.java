package org.sde4j.fit;

import java.util.ArrayList;
import java.util.List;

/**
 * Ornstein–Uhlenbeck around a seasonal mean, the standard temperature model behind weather derivatives
 * (Dornier &amp; Queruel 2000; Alaton, Djehiche &amp; Stillberger 2002):
 *
 * <pre>    dX = (μ'(t) + κ (μ(t) − X)) dt + σ dW,    μ(t) = a + Σ_k (b_k sin(2π t / P_k) + c_k cos(2π t / P_k)).</pre>
 *
 * <p>The μ'(t) term makes {@code X − μ(t)} a plain OU process, so the exact transition is
 * {@code X_{i+1} | X_i ~ N(μ(t_{i+1}) + (X_i − μ(t_i)) e, σ² (1 − e²) / (2κ))} with {@code e = exp(−κΔ)}.
 * θ = (a, b_1, c_1, …, b_K, c_K, ln κ, ln σ). The periods P_k are in the series' time unit (for dates:
 * days, so an annual and a daily cycle are 365.25 and 1).
 */
public final class SeasonalOuModel implements TransitionModel {
    private final double[] omega;
    private final List<String> names;

    /**
     * @param periods the periods P_k, positive
     */
    public SeasonalOuModel(double... periods) {
        if (periods.length == 0) {
            throw new IllegalArgumentException("periods: none; give at least one (e.g. 365.25 for a year in days)");
        }
        omega = new double[periods.length];
        List<String> n = new ArrayList<>(List.of("a"));
        for (int k = 0; k < periods.length; k++) {
            if (!(periods[k] > 0) || !Double.isFinite(periods[k])) {
                throw new IllegalArgumentException("periods[" + k + "] = " + periods[k] + ": must be positive");
            }
            omega[k] = 2 * Math.PI / periods[k];
            n.add("b" + (k + 1));
            n.add("c" + (k + 1));
        }
        n.add("kappa");
        n.add("sigma");
        names = List.copyOf(n);
    }

    @Override
    public String name() {
        return "ou-seasonal";
    }

    /** A period that is a multiple of the sampling interval makes its sine vanish and its cosine a constant. */
    @Override
    public String identificationHint() {
        StringBuilder p = new StringBuilder();
        for (int k = 0; k < omega.length; k++) {
            p.append(k > 0 ? "," : "").append(2 * Math.PI / omega[k]);
        }
        return "periods = " + p + ": drop a period that is a multiple of the sampling interval (a daily cycle on"
                + " daily data), or give periods the series can resolve";
    }

    @Override
    public List<String> parameterNames() {
        return names;
    }

    private int harmonics() {
        return omega.length;
    }

    /** The seasonal mean μ(t) at θ. */
    public double seasonalMean(double[] theta, double t) {
        double m = theta[0];
        for (int k = 0; k < harmonics(); k++) {
            m += theta[1 + 2 * k] * Math.sin(omega[k] * t) + theta[2 + 2 * k] * Math.cos(omega[k] * t);
        }
        return m;
    }

    @Override
    public double[] initialGuess(TimeSeries s) {
        int n = s.size();
        int q = 1 + 2 * harmonics();
        double[][] design = new double[n][q];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            design[i][0] = 1;
            for (int k = 0; k < harmonics(); k++) {
                design[i][1 + 2 * k] = Math.sin(omega[k] * s.time(i));
                design[i][2 + 2 * k] = Math.cos(omega[k] * s.time(i));
            }
            y[i] = s.value(i);
        }
        double[] beta = Regression.leastSquares(design, y);
        double[] theta = java.util.Arrays.copyOf(beta, q + 2);
        double[] prev = new double[n - 1];
        double[] next = new double[n - 1];
        for (int i = 0; i + 1 < n; i++) {
            prev[i] = s.value(i) - seasonalMean(theta, s.time(i));
            next[i] = s.value(i + 1) - seasonalMean(theta, s.time(i + 1));
        }
        double dt = (s.time(n - 1) - s.time(0)) / (n - 1);
        double[] ar = Regression.autoregression(prev, next);
        double b = Math.min(Math.max(ar[1], 0.01), 0.999);
        double kappa = -Math.log(b) / dt;
        theta[q] = Math.log(kappa);
        theta[q + 1] = 0.5 * Math.log(Math.max(ar[2], 1e-12) * 2 * kappa / (1 - b * b));
        return theta;
    }

    @Override
    public void observation(double next, double[] out) {
        out[0] = next;
        out[1] = 0;
    }

    @Override
    public void transition(double[] theta, double t, double x, double next, double[] mean, double[] variance) {
        int q = 1 + 2 * harmonics();
        double dt = next - t;
        double kappa = Math.exp(theta[q]);
        double e = Math.exp(-kappa * dt);
        double d = x - seasonalMean(theta, t);
        mean[0] = seasonalMean(theta, next) + d * e;
        mean[1] = 1 - e;
        for (int k = 0; k < harmonics(); k++) {
            mean[2 + 2 * k] = Math.sin(omega[k] * next) - Math.sin(omega[k] * t) * e;
            mean[3 + 2 * k] = Math.cos(omega[k] * next) - Math.cos(omega[k] * t) * e;
        }
        mean[1 + q] = -d * dt * e * kappa;
        mean[2 + q] = 0;
        OuVariance.fill(kappa, Math.exp(2 * theta[q + 1]), dt, e, variance, 1 + q, 2 + q);
    }

    @Override
    public double[] natural(double[] theta) {
        double[] out = theta.clone();
        int q = 1 + 2 * harmonics();
        out[q] = Math.exp(theta[q]);
        out[q + 1] = Math.exp(theta[q + 1]);
        return out;
    }

    @Override
    public double[] naturalDerivative(double[] theta) {
        double[] out = new double[theta.length];
        java.util.Arrays.fill(out, 1);
        int q = 1 + 2 * harmonics();
        out[q] = Math.exp(theta[q]);
        out[q + 1] = Math.exp(theta[q + 1]);
        return out;
    }

    @Override
    public double sample(double[] theta, double t, double x, double next, double z) {
        double[] mean = new double[theta.length + 1];
        double[] variance = new double[theta.length + 1];
        transition(theta, t, x, next, mean, variance);
        return mean[0] + Math.sqrt(variance[0]) * z;
    }
}
