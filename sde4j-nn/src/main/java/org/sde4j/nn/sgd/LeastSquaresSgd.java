package org.sde4j.nn.sgd;

import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.random.RandomStreams;

/**
 * Mini-batch SGD on the one-parameter least-squares problem
 *
 * <pre>    f(x) = (1/2n) Σ_i (a_i x − b_i)²,    ∇f(x) = h̄ x − c̄,    h̄ = mean a_i²,  c̄ = mean a_i b_i,</pre>
 *
 * minimised at {@code x* = c̄ / h̄}. One step draws a batch of B indices uniformly <em>with replacement</em>
 * and moves {@code x ← x − η (H x − C)}, with H and C the batch means of {@code a_i²} and {@code a_i b_i}.
 * The gradient noise {@code H x − C − ∇f(x)} has mean 0 and variance
 *
 * <pre>    Σ(x) / B,    Σ(x) = Var(a²) x² − 2 Cov(a², ab) x + Var(ab)    (moments over the n points),</pre>
 *
 * and, since the step is affine in x with coefficients independent of x, the first two moments of the
 * iterates obey an exact linear recursion ({@link #moments}): with {@code m = E x_k}, {@code s = E x_k²},
 *
 * <pre>
 *   m' = (1 − η h̄) m + η c̄
 *   s' = E[(1 − ηH)²] s + 2η E[(1 − ηH) C] m + η² E[C²]
 * </pre>
 *
 * where {@code E[(1 − ηH)²] = (1 − ηh̄)² + η² Var(a²)/B}, {@code E[(1 − ηH)C] = c̄ − η(h̄c̄ + Cov(a², ab)/B)},
 * {@code E[C²] = c̄² + Var(ab)/B}. These are the exact expectations the weak error of the stochastic modified
 * equation ({@link ModifiedEquation}) is measured against. Immutable.
 */
public final class LeastSquaresSgd {
    private final double[] a;
    private final double[] b;
    private final double hBar;
    private final double cBar;
    private final double varH;
    private final double covHC;
    private final double varC;

    /** First and second moment of an iterate (or of the SDE's state), and the variance they imply. */
    public record Moments(double mean, double second) {
        /** {@code E x² − (E x)²}. */
        public double variance() {
            return second - mean * mean;
        }
    }

    /**
     * @param a the inputs a_i, not all zero
     * @param b the targets b_i, as many as inputs
     */
    public LeastSquaresSgd(double[] a, double[] b) {
        if (a.length == 0 || a.length != b.length) {
            throw new IllegalArgumentException("a, b: lengths " + a.length + " and " + b.length
                    + " must be equal and positive");
        }
        this.a = a.clone();
        this.b = b.clone();
        int n = a.length;
        double h = 0;
        double c = 0;
        for (int i = 0; i < n; i++) {
            h += a[i] * a[i] / n;
            c += a[i] * b[i] / n;
        }
        if (!(h > 0)) {
            throw new IllegalArgumentException("a: mean of a² = " + h + ": must be positive (not all inputs zero)");
        }
        double vh = 0;
        double vhc = 0;
        double vc = 0;
        for (int i = 0; i < n; i++) {
            double dh = a[i] * a[i] - h;
            double dc = a[i] * b[i] - c;
            vh += dh * dh / n;
            vhc += dh * dc / n;
            vc += dc * dc / n;
        }
        hBar = h;
        cBar = c;
        varH = vh;
        covHC = vhc;
        varC = vc;
    }

    /**
     * A synthetic data set: {@code a_i = 1 + spread·z_i}, {@code b_i = slope·a_i + noise·z'_i} with z, z'
     * standard Gaussians from stream {@code (seed, 0)}.
     */
    public static LeastSquaresSgd synthetic(int n, double spread, double slope, double noise, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n = " + n + ": must be at least 1");
        }
        var gauss = RandomStreams.gaussian(seed, 0);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = 1 + spread * gauss.sample();
            b[i] = slope * a[i] + noise * gauss.sample();
        }
        return new LeastSquaresSgd(a, b);
    }

    /** h̄ = mean a², the curvature of f. */
    public double curvature() {
        return hBar;
    }

    /** x* = c̄/h̄, the minimiser. */
    public double minimiser() {
        return cBar / hBar;
    }

    /** Σ(x) = Var(a²)x² − 2Cov(a², ab)x + Var(ab): the variance of one sampled gradient at x. */
    public double gradientVariance(double x) {
        return Math.max(0, varH * x * x - 2 * covHC * x + varC);
    }

    /** Var(a²), Cov(a², ab), Var(ab) over the n points. */
    public double[] noiseMoments() {
        return new double[] {varH, covHC, varC};
    }

    /** The gradient h̄x − c̄. */
    public double gradient(double x) {
        return hBar * x - cBar;
    }

    /**
     * The exact first two moments of the SGD iterate after {@code steps} steps from {@code x0}.
     *
     * @param eta   the learning rate η, positive
     * @param batch the batch size B, at least 1
     */
    public Moments moments(double x0, double eta, int batch, int steps) {
        check(eta, batch);
        if (steps < 0) {
            throw new IllegalArgumentException("steps = " + steps + ": must be non-negative");
        }
        double m = x0;
        double s = x0 * x0;
        double[] c = coefficients(eta, batch);
        for (int k = 0; k < steps; k++) {
            double next = c[0] * s + c[1] * m + c[2];
            m = (1 - eta * hBar) * m + eta * cBar;
            s = next;
        }
        return new Moments(m, s);
    }

    /**
     * The stationary moments of SGD: the fixed point of the moment recursion, x* and
     * {@code s = (2η E[(1 − ηH)C] x* + η² E[C²]) / (1 − E[(1 − ηH)²])}.
     *
     * @throws IllegalArgumentException when {@code E[(1 − ηH)²] ≥ 1}: the second moment grows without bound
     */
    public Moments stationary(double eta, int batch) {
        check(eta, batch);
        double[] c = coefficients(eta, batch);
        if (!(c[0] < 1)) {
            throw new IllegalArgumentException("eta = " + eta + ", batch = " + batch
                    + ": E[(1 − ηH)²] = " + c[0] + " ≥ 1, SGD has no stationary second moment");
        }
        double m = minimiser();
        return new Moments(m, (c[1] * m + c[2]) / (1 - c[0]));
    }

    /** {E[(1 − ηH)²], 2η E[(1 − ηH)C], η² E[C²]}. */
    private double[] coefficients(double eta, int batch) {
        double contraction = (1 - eta * hBar) * (1 - eta * hBar) + eta * eta * varH / batch;
        double cross = 2 * eta * (cBar - eta * (hBar * cBar + covHC / batch));
        double constant = eta * eta * (cBar * cBar + varC / batch);
        return new double[] {contraction, cross, constant};
    }

    /**
     * Runs SGD: {@code paths} independent runs of {@code steps} steps from {@code x0}, run p drawing its
     * batches from stream {@code (seed, p)}; returns the final iterates.
     */
    public double[] run(double x0, double eta, int batch, int steps, int paths, long seed) {
        check(eta, batch);
        int n = a.length;
        double[] out = new double[paths];
        for (int p = 0; p < paths; p++) {
            UniformRandomProvider rng = RandomStreams.stream(seed, p);
            double x = x0;
            for (int k = 0; k < steps; k++) {
                double g = 0;
                for (int j = 0; j < batch; j++) {
                    int i = rng.nextInt(n);
                    g += a[i] * (a[i] * x - b[i]);
                }
                x -= eta * g / batch;
            }
            out[p] = x;
        }
        return out;
    }

    private static void check(double eta, int batch) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + ": must be positive and finite");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch = " + batch + ": must be at least 1");
        }
    }
}
