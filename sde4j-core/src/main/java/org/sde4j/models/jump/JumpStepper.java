package org.sde4j.models.jump;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.random.KeyedStream;
import org.sde4j.sde.Sde;

/**
 * Solves one path of a {@link JumpDiffusion} on a jump-adapted grid: the regular grid of {@code steps} steps merged
 * with the path's candidate jump times. The Gaussian increments are drawn interval by interval, in time order, from
 * the path's stream keyed by {@code (seed, path, }{@value #TAG}{@code )}; the jumps from its {@link JumpSchedule}.
 * Mutable scratch owned by one thread.
 */
public final class JumpStepper {
    /** Third key word of the Gaussian streams. */
    public static final long TAG = 0x6272776eL;

    private final JumpDiffusion model;
    private final JumpScheme scheme;
    private final Sde sde;
    private final int d;
    private final int m;
    private final double[] f;
    private final double[] g;
    private final double[] dg;
    private final double[] dw;
    private final double[] h;
    /** The scalar forms of f and g when d = m = 1 (the hot path of 1-d models), else null. */
    private final org.sde4j.sde.ScalarFunction scalarDrift;
    private final org.sde4j.sde.ScalarFunction scalarDiffusion;
    private final KeyedStream stream = new KeyedStream();
    private final ContinuousSampler gaussian = stream.gaussian();
    private final JumpSchedule schedule = new JumpSchedule();
    private int kept;

    /**
     * @throws IllegalArgumentException when the scheme cannot solve the model's SDE
     */
    public JumpStepper(JumpDiffusion model, JumpScheme scheme) {
        scheme.check(model.sde());
        this.model = model;
        this.scheme = scheme;
        this.sde = model.sde();
        this.d = sde.stateDimension();
        this.m = sde.noiseDimension();
        this.f = new double[d];
        this.g = new double[d];
        this.dg = new double[d];
        this.dw = new double[m];
        this.h = new double[d];
        boolean scalar = d == 1 && m == 1;
        this.scalarDrift = scalar ? sde.pathwiseScalarDrift() : null;
        this.scalarDiffusion = scalar ? sde.pathwiseScalarDiffusion() : null;
    }

    /** The schedule of the last path solved (its candidate jumps). */
    public JumpSchedule schedule() {
        return schedule;
    }

    /**
     * Solves path {@code path} with {@code steps} regular steps plus its jump times.
     *
     * @param out the state at t1, length d (overwritten)
     */
    public void solve(int steps, long seed, long path, double[] out) {
        schedule.sample(model, seed, path);
        stream.reset(seed, path, TAG);
        double t0 = model.t0();
        double span = model.t1() - t0;
        double[] x = out;
        System.arraycopy(model.x0(), 0, x, 0, d);
        double t = t0;
        int k = 1;
        int j = 0;
        kept = 0;
        int jumps = schedule.count();
        while (k <= steps) {
            double grid = k == steps ? model.t1() : t0 + span * k / steps;
            boolean jumpNext = j < jumps && schedule.time(j) < grid;
            double next = jumpNext ? schedule.time(j) : grid;
            double dt = next - t;
            double sq = Math.sqrt(dt);
            for (int i = 0; i < m; i++) {
                dw[i] = sq * gaussian.sample();
            }
            diffuse(t, x, dt, dw);
            t = next;
            if (jumpNext) {
                jump(j, t, x);
                j++;
            } else {
                k++;
            }
        }
        while (j < jumps) {
            jump(j++, model.t1(), x);
        }
    }

    /** One step of the scheme over {@code [t, t + dt]} with increment {@code dw}, in place. */
    void diffuse(double t, double[] x, double dt, double[] w) {
        if (scalarDrift != null && scalarDiffusion != null) {
            double x0 = x[0];
            double gx = scalarDiffusion.value(t, x0);
            double next = x0 + scalarDrift.value(t, x0) * dt + gx * w[0];
            if (scheme == JumpScheme.MILSTEIN) {
                sde.diffusionDerivative(t, x, dg);
                next += 0.5 * gx * dg[0] * (w[0] * w[0] - dt);
            }
            x[0] = next;
            return;
        }
        sde.drift(t, x, f);
        if (scheme == JumpScheme.MILSTEIN) {
            sde.diffusionVector(t, x, g);
            sde.diffusionDerivative(t, x, dg);
            for (int i = 0; i < d; i++) {
                x[i] += f[i] * dt + g[i] * w[i] + 0.5 * g[i] * dg[i] * (w[i] * w[i] - dt);
            }
        } else {
            sde.diffusion(t, x, w, g);
            for (int i = 0; i < d; i++) {
                x[i] += f[i] * dt + g[i];
            }
        }
    }

    /** The candidate jump {@code k} of the schedule at t, kept with the thinning probability; in place. */
    void jump(int k, double t, double[] x) {
        if (model.thinned() && !(schedule.uniform(k) <= model.keepProbability(t, x))) {
            return;
        }
        model.jump().jump(t, x, schedule.mark(k), h);
        for (int i = 0; i < d; i++) {
            x[i] += h[i];
        }
        kept++;
    }

    /** The path's Gaussian stream, for a study that draws its own Brownian path. */
    ContinuousSampler gaussian(long seed, long path) {
        stream.reset(seed, path, TAG);
        return gaussian;
    }

    /** Resets the kept-jump counter. */
    void resetKept() {
        kept = 0;
    }
}
