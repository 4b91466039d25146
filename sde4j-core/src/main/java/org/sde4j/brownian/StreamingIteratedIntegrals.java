package org.sde4j.brownian;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.sde.Require;

/**
 * Streaming increments with iterated integrals: each step draws {@code ΔW = √h Z} and then the Lévy
 * area given ΔW with a {@link LevyAreaSampler}. The number of Fourier terms is fixed
 * ({@link #withTerms}), chosen from a requested accuracy ({@link #forAccuracy}), or chosen per step
 * size for the accuracy {@code h^{3/2}} that a strong order-1 scheme needs ({@link #forStepSize},
 * {@link LevyAreaMethod#termsForStepSize}).
 *
 * <p>Like every streaming source, <b>it cannot be queried twice or refined</b>: consecutive intervals
 * only. To compare resolutions on one path use {@link GridIteratedIntegrals}. Thread-confined.
 */
public final class StreamingIteratedIntegrals implements IteratedIntegralSource {
    private final ContinuousSampler normal;
    private final int m;
    private final LevyAreaMethod method;
    private final int fixedTerms;
    private final double accuracy;
    private LevyAreaSampler sampler;
    private double samplerStep = Double.NaN;
    private double next = Double.NaN;
    private final double[] scratch;
    private final double[] dwOne;

    private StreamingIteratedIntegrals(ContinuousSampler normal, int m, LevyAreaMethod method, int fixedTerms,
            double accuracy) {
        this.normal = Require.nonNull("normal", normal);
        if (m < 2) {
            throw new IllegalArgumentException("dimension = " + m + ": iterated integrals need m ≥ 2 (for m = 1,"
                    + " I = (ΔW² − h)/2 needs no source)");
        }
        this.m = m;
        this.method = Require.nonNull("method", method);
        this.fixedTerms = fixedTerms;
        this.accuracy = accuracy;
        this.scratch = new double[m * m];
        this.dwOne = new double[m];
    }

    /** A source with n Fourier terms at every step size. */
    public static StreamingIteratedIntegrals withTerms(ContinuousSampler normal, int m, LevyAreaMethod method, int terms) {
        return new StreamingIteratedIntegrals(normal, m, method, Require.positive("terms", terms), 0);
    }

    /**
     * A source whose truncation gives each step's integrals a root-mean-square (Frobenius) error at most
     * {@code accuracy} ({@link LevyAreaMethod#terms}).
     */
    public static StreamingIteratedIntegrals forAccuracy(ContinuousSampler normal, int m, LevyAreaMethod method,
            double accuracy) {
        return new StreamingIteratedIntegrals(normal, m, method, 0, Require.positive("accuracy", accuracy));
    }

    /** A source whose truncation follows the step size (accuracy h^{3/2}). */
    public static StreamingIteratedIntegrals forStepSize(ContinuousSampler normal, int m, LevyAreaMethod method) {
        return new StreamingIteratedIntegrals(normal, m, method, 0, 0);
    }

    @Override
    public int dimension() {
        return m;
    }

    /** The ΔW alone (the Lévy area of the step is still drawn, to keep the stream aligned). */
    @Override
    public void increment(double s, double t, double[] out) {
        iteratedIntegrals(s, t, out, scratch);
    }

    @Override
    public void iteratedIntegrals(double s, double t, double[] dw, double[] integrals) {
        if (s != next && !Double.isNaN(next)) {
            throw new IllegalArgumentException("s = " + s + ": a streaming source answers consecutive intervals"
                    + " only, and the previous one ended at " + next);
        }
        if (!(t > s)) {
            throw new IllegalArgumentException("t = " + t + ": must be greater than s = " + s);
        }
        double h = t - s;
        double sqrtH = Math.sqrt(h);
        for (int j = 0; j < m; j++) {
            dw[j] = sqrtH * normal.sample();
        }
        samplerFor(h).sample(h, dw, normal, integrals);
        next = t;
    }

    @Override
    public void increments(double[] times, int from, int count, double[] out) {
        for (int k = 0; k < count; k++) {
            iteratedIntegrals(times[from + k], times[from + k + 1], dwOne, scratch);
            System.arraycopy(dwOne, 0, out, k * m, m);
        }
    }

    @Override
    public void iteratedIntegrals(double[] times, int from, int count, double[] dw, double[] integrals) {
        for (int k = 0; k < count; k++) {
            iteratedIntegrals(times[from + k], times[from + k + 1], dwOne, scratch);
            System.arraycopy(dwOne, 0, dw, k * m, m);
            System.arraycopy(scratch, 0, integrals, k * m * m, m * m);
        }
    }

    private LevyAreaSampler samplerFor(double h) {
        if (sampler == null || (fixedTerms == 0 && h != samplerStep)) {
            int n = fixedTerms > 0 ? fixedTerms
                    : accuracy > 0 ? method.terms(m, h, accuracy) : method.termsForStepSize(m, h);
            if (sampler == null || sampler.terms() != n) {
                sampler = new LevyAreaSampler(m, method, n);
            }
            samplerStep = h;
        }
        return sampler;
    }
}
