package org.sde4j.fit;

/** The exact log-likelihood of a {@link TransitionModel} on a series, with its gradient. */
public final class LogLikelihood {
    private static final double LOG_TWO_PI = Math.log(2 * Math.PI);

    private LogLikelihood() {
    }

    /**
     * {@code Σ_{i=from}^{to−1} log p_θ(x_{i+1} | x_i)}.
     *
     * @param gradient out, length p (every entry written), or null
     */
    public static double of(TransitionModel model, double[] theta, TimeSeries s, int from, int to,
            double[] gradient) {
        int p = model.parameterCount();
        double[] mean = new double[p + 1];
        double[] variance = new double[p + 1];
        double[] obs = new double[2];
        if (gradient != null) {
            java.util.Arrays.fill(gradient, 0);
        }
        double sum = 0;
        for (int i = from; i < to; i++) {
            model.observation(s.value(i + 1), obs);
            model.transition(theta, s.time(i), s.value(i), s.time(i + 1), mean, variance);
            double v = variance[0];
            double r = obs[0] - mean[0];
            sum += -0.5 * (LOG_TWO_PI + Math.log(v)) - r * r / (2 * v) + obs[1];
            if (gradient != null) {
                double dm = r / v;
                double dv = -0.5 / v + r * r / (2 * v * v);
                for (int j = 0; j < p; j++) {
                    gradient[j] += dm * mean[1 + j] + dv * variance[1 + j];
                }
            }
        }
        return sum;
    }
}
