package org.sde4j.fit;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.random.KeyedStream;

/** Series simulated from a {@link TransitionModel}'s exact transition, on a fixed seed. */
public final class Synthetic {
    private Synthetic() {
    }

    /**
     * A path at times {@code t0 + i·dt}, i = 0, …, n − 1, from x0, with parameters θ (unconstrained).
     *
     * @throws IllegalArgumentException when n &lt; 3 or dt is not positive
     */
    public static TimeSeries simulate(TransitionModel model, double[] theta, double x0, double t0, double dt, int n,
            long seed) {
        if (n < 3 || !(dt > 0)) {
            throw new IllegalArgumentException("n = " + n + ", dt = " + dt + ": need n ≥ 3 and dt > 0");
        }
        KeyedStream stream = new KeyedStream();
        stream.reset(seed, 16, 0);
        ContinuousSampler gaussian = stream.gaussian();
        double[] t = new double[n];
        double[] x = new double[n];
        t[0] = t0;
        x[0] = x0;
        for (int i = 1; i < n; i++) {
            t[i] = t0 + i * dt;
            x[i] = model.sample(theta, t[i - 1], x[i - 1], t[i], gaussian.sample());
        }
        return new TimeSeries("synthetic " + model.name(), t, x);
    }
}
