package org.sde4j.models.stochvol;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.math.Samplers;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.random.KeyedStream;

/**
 * Paths of Heston's (or Bates') model by a {@link HestonScheme}, path p drawing from the stream keyed by
 * {@code (seed, p, }{@value #TAG}{@code )}. Bates' jumps are exact over each step: N ~ Poisson(λΔ) marks added to
 * ln S, with the compensator −λκ_J Δ. Mutable scratch owned by one thread.
 */
public final class HestonSimulator {
    /** Third key word of the Heston streams. */
    public static final long TAG = 0x68657374L;
    /** Andersen's switching level ψ_c. */
    static final double PSI_C = 1.5;

    private final Heston model;
    private final HestonScheme scheme;
    private final KeyedStream stream = new KeyedStream();
    private final ContinuousSampler gaussian = stream.gaussian();

    public HestonSimulator(Heston model, HestonScheme scheme) {
        this.model = java.util.Objects.requireNonNull(model, "model");
        this.scheme = java.util.Objects.requireNonNull(scheme, "scheme");
    }

    /**
     * Simulates path {@code path} to {@code expiry} in {@code steps} equal steps.
     *
     * @param out {S_T, V_T}
     */
    public void terminal(int steps, double expiry, long seed, long path, double[] out) {
        stream.reset(seed, path, TAG);
        double dt = expiry / steps;
        double k = model.kappa();
        double th = model.theta();
        double s = model.sigma();
        double rho = model.rho();
        double drift = (model.rate() - model.yield() - model.jumpIntensity() * model.jumpCompensator()) * dt;
        double x = Math.log(model.spot());
        double v = model.v0();
        double rhoBar = Math.sqrt(1 - rho * rho);
        // QE constants (Andersen 2008, (33) with γ1 = γ2 = ½).
        double e = Math.exp(-k * dt);
        double one = -Math.expm1(-k * dt);
        double k0 = -rho * k * th * dt / s;
        double k1 = 0.5 * dt * (k * rho / s - 0.5) - rho / s;
        double k2 = 0.5 * dt * (k * rho / s - 0.5) + rho / s;
        double k3 = 0.5 * dt * (1 - rho * rho);
        double k4 = k3;
        double a2 = k2 + 0.5 * k4;
        for (int n = 0; n < steps; n++) {
            if (scheme == HestonScheme.FULL_TRUNCATION) {
                double vp = Math.max(v, 0);
                double zv = gaussian.sample();
                double zs = rho * zv + rhoBar * gaussian.sample();
                double sq = Math.sqrt(vp * dt);
                x += drift - 0.5 * vp * dt + sq * zs;
                v += k * (th - vp) * dt + s * sq * zv;
            } else {
                double m = th + (v - th) * e;
                double s2 = v * s * s * e * one / k + th * s * s * one * one / (2 * k);
                double psi = s2 / (m * m);
                double vNext;
                double correction;
                if (psi <= PSI_C) {
                    double inv = 2 / psi;
                    double b2 = inv - 1 + Math.sqrt(inv) * Math.sqrt(inv - 1);
                    double a = m / (1 + b2);
                    double zb = Math.sqrt(b2) + gaussian.sample();
                    vNext = a * zb * zb;
                    correction = scheme == HestonScheme.QE_MARTINGALE
                            ? -a2 * b2 * a / (1 - 2 * a2 * a) + 0.5 * Math.log(1 - 2 * a2 * a) - (k1 + 0.5 * k3) * v
                            : k0;
                } else {
                    double p = (psi - 1) / (psi + 1);
                    double beta = (1 - p) / m;
                    double u = Samplers.openUniform(stream);
                    vNext = u <= p ? 0 : Math.log((1 - p) / (1 - u)) / beta;
                    correction = scheme == HestonScheme.QE_MARTINGALE
                            ? -Math.log(p + beta * (1 - p) / (beta - a2)) - (k1 + 0.5 * k3) * v
                            : k0;
                }
                x += drift + correction + k1 * v + k2 * vNext + Math.sqrt(k3 * v + k4 * vNext) * gaussian.sample();
                v = vNext;
            }
            if (model.jumpMarks() != null) {
                long jumps = Samplers.poisson(stream, model.jumpIntensity() * dt);
                for (long j = 0; j < jumps; j++) {
                    x += model.jumpMarks().sample(stream, gaussian);
                }
            }
        }
        out[0] = Math.exp(x);
        out[1] = v;
    }

    /**
     * A job of discounted call payoffs e^{−rT}(S_T − K)⁺, one value per strike.
     *
     * @param steps   equal steps to expiry
     * @param strikes the strikes
     * @return the job (set paths, seed, threads on it)
     */
    public static PathAverageJob callJob(Heston model, HestonScheme scheme, int steps, double expiry,
            double... strikes) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps = " + steps + ": must be at least 1");
        }
        Cir.positive("expiry", expiry);
        String[] names = new String[strikes.length];
        for (int i = 0; i < strikes.length; i++) {
            Cir.positive("strike", strikes[i]);
            names[i] = "call " + strikes[i];
        }
        double[] ks = strikes.clone();
        double discount = Math.exp(-model.rate() * expiry);
        return PathAverageJob.of(model + " " + scheme.label() + ", " + steps + " steps to " + expiry, () -> {
            HestonSimulator sim = new HestonSimulator(model, scheme);
            double[] state = new double[2];
            return (seed, path, out) -> {
                sim.terminal(steps, expiry, seed, path, state);
                for (int i = 0; i < ks.length; i++) {
                    out[i] = discount * Math.max(state[0] - ks[i], 0);
                }
            };
        }, names);
    }
}
