package org.sde4j.fit;

import java.util.List;

/**
 * Geometric Brownian motion {@code dS = μ S dt + σ S dW} (Black &amp; Scholes 1973). Exact transition:
 * {@code ln S_{i+1} | S_i ~ N(ln S_i + (μ − σ²/2) Δ, σ² Δ)}. θ = (μ, ln σ); natural parameters (μ, σ) per unit
 * of the series' time.
 */
public final class GbmModel implements TransitionModel {
    /** The model; stateless, shared. */
    public static final GbmModel INSTANCE = new GbmModel();

    private GbmModel() {
    }

    @Override
    public String name() {
        return "gbm";
    }

    @Override
    public List<String> parameterNames() {
        return List.of("mu", "sigma");
    }

    @Override
    public boolean needsPositiveValues() {
        return true;
    }

    @Override
    public double[] initialGuess(TimeSeries s) {
        double sum = 0;
        double squares = 0;
        double time = 0;
        for (int i = 0; i + 1 < s.size(); i++) {
            double r = Math.log(s.value(i + 1) / s.value(i));
            sum += r;
            squares += r * r / (s.time(i + 1) - s.time(i));
            time += s.time(i + 1) - s.time(i);
        }
        double sigma2 = Math.max(squares / (s.size() - 1), 1e-12);
        return new double[] {sum / time + sigma2 / 2, 0.5 * Math.log(sigma2)};
    }

    @Override
    public void observation(double next, double[] out) {
        out[0] = Math.log(next);
        out[1] = -out[0];
    }

    @Override
    public void transition(double[] theta, double t, double x, double next, double[] mean, double[] variance) {
        double dt = next - t;
        double sigma2 = Math.exp(2 * theta[1]);
        mean[0] = Math.log(x) + (theta[0] - sigma2 / 2) * dt;
        mean[1] = dt;
        mean[2] = -sigma2 * dt;
        variance[0] = sigma2 * dt;
        variance[1] = 0;
        variance[2] = 2 * sigma2 * dt;
    }

    @Override
    public double[] natural(double[] theta) {
        return new double[] {theta[0], Math.exp(theta[1])};
    }

    @Override
    public double[] naturalDerivative(double[] theta) {
        return new double[] {1, Math.exp(theta[1])};
    }

    /** θ from natural (μ, σ). */
    public static double[] theta(double mu, double sigma) {
        return new double[] {mu, Math.log(sigma)};
    }

    @Override
    public double sample(double[] theta, double t, double x, double next, double z) {
        double dt = next - t;
        double sigma = Math.exp(theta[1]);
        return x * Math.exp((theta[0] - sigma * sigma / 2) * dt + sigma * Math.sqrt(dt) * z);
    }
}
