package org.sde4j.models.barrier;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.random.KeyedStream;
import org.sde4j.sde.Require;
import org.sde4j.sde.ScalarFunction;

/**
 * Killed paths of a scalar Itô SDE {@code dX = f(t, X) dt + g(t, X) dW} between a lower and/or an upper barrier,
 * solved by Euler–Maruyama at several step counts that share each path's Brownian increments (drawn at the finest
 * level from the stream keyed by {@code (seed, path, }{@value #TAG}{@code )} and summed), on the chunked runner.
 *
 * <p>Per level, a path contributes its payoff times
 * <ul>
 * <li>naive: 1 while no grid point lies past a barrier, else 0 — biased by O(√h) (Broadie, Glasserman &amp; Kou
 *     1997);</li>
 * <li>bridged: the probability that the Brownian bridge with the frozen local coefficient g(t_n, x_n) stayed inside
 *     on every interval, {@code Π_n (1 − p_n)} with {@code p_n = exp(−2(b − x_n)(b − x_{n+1})/(g² h))} for each
 *     barrier b (Beaglehole, Dybvig &amp; Zhou 1997; Gobet 2000), which brings the bias to O(h). For a double barrier
 *     the two crossings are treated as independent, an approximation of the same order.</li>
 * </ul>
 * For an SDE with constant coefficients (Brownian motion with drift) the bridged weight is exact and the only bias
 * left is none.
 */
public final class BarrierStudy {
    /** Third key word of the barrier streams. */
    public static final long TAG = 0x62617272L;

    private final ScalarFunction drift;
    private final ScalarFunction diffusion;
    private final double x0;
    private final double expiry;
    private double lower = Double.NEGATIVE_INFINITY;
    private double upper = Double.POSITIVE_INFINITY;
    private DoubleUnaryOperator payoff = x -> 1;
    private int[] steps = {8, 16, 32, 64};
    private long paths = 10_000;
    private long seed = 1;
    private int threads = 1;
    private int checkpoints = 1;
    private boolean reflect;

    private BarrierStudy(ScalarFunction drift, ScalarFunction diffusion, double x0, double expiry) {
        this.drift = drift;
        this.diffusion = diffusion;
        this.x0 = x0;
        this.expiry = expiry;
    }

    /** A study of the SDE from x0 on [0, T]; payoff 1 (survival) until set. */
    public static BarrierStudy of(ScalarFunction drift, ScalarFunction diffusion, double x0, double expiry) {
        Require.nonNull("drift", drift);
        Require.nonNull("diffusion", diffusion);
        Require.finite("x0", x0);
        Require.positive("expiry", expiry);
        return new BarrierStudy(drift, diffusion, x0, expiry);
    }

    /** A lower barrier, below x0. */
    public BarrierStudy lower(double barrier) {
        if (!(barrier < x0)) {
            throw new IllegalArgumentException("lower = " + barrier + ": a lower barrier must lie below x0 = " + x0);
        }
        this.lower = barrier;
        return this;
    }

    /** An upper barrier, above x0. */
    public BarrierStudy upper(double barrier) {
        if (!(barrier > x0)) {
            throw new IllegalArgumentException("upper = " + barrier + ": an upper barrier must lie above x0 = " + x0);
        }
        this.upper = barrier;
        return this;
    }

    /**
     * Reflects paths at the barriers instead of killing them: a step that ends past barrier b ends at its mirror
     * image 2b − x (the reflected Euler scheme; exact in law for Brownian motion without drift). Every path then
     * survives, so the naive and the bridged values coincide.
     */
    public BarrierStudy reflect() {
        this.reflect = true;
        return this;
    }

    /** The payoff of the final state of a surviving path (discount included by the caller). */
    public BarrierStudy payoff(DoubleUnaryOperator value) {
        this.payoff = Require.nonNull("payoff", value);
        return this;
    }

    /** The levels' step counts, increasing, each dividing the last. */
    public BarrierStudy steps(int... counts) {
        if (counts.length == 0) {
            throw new IllegalArgumentException("steps = []: at least one level is needed");
        }
        this.steps = checkLevels(counts);
        return this;
    }

    /** A copy of {@code counts} when they are positive, increasing and divide the last. */
    static int[] checkLevels(int[] counts) {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 1 || (i > 0 && counts[i] <= counts[i - 1])
                    || counts[counts.length - 1] % counts[i] != 0) {
                throw new IllegalArgumentException("steps = " + Arrays.toString(counts)
                        + ": must be positive, increasing, and divide the last");
            }
        }
        return counts.clone();
    }

    /**
     * Reports the bridged survival curve of the finest level at {@code count} equally spaced times t_j = jT/count:
     * P(τ &gt; t_j), τ the first passage time, so 1 − the curve is τ's distribution function.
     *
     * @param count a divisor of the finest level's steps
     */
    public BarrierStudy survivalCurve(int count) {
        if (count < 1 || steps[steps.length - 1] % count != 0) {
            throw new IllegalArgumentException("survivalCurve = " + count + ": must divide the finest level's steps "
                    + steps[steps.length - 1]);
        }
        this.checkpoints = count;
        return this;
    }

    public BarrierStudy paths(long count) {
        this.paths = Require.positive("paths", count);
        return this;
    }

    public BarrierStudy seed(long value) {
        this.seed = value;
        return this;
    }

    public BarrierStudy threads(int count) {
        this.threads = Require.positive("threads", count);
        return this;
    }

    /**
     * The job: per level the naive payoff, the bridged payoff, the naive and the bridged survival; then, per pair of
     * successive levels, the naive and the bridged differences {@code P_N − P_{N'}} of one path (small standard
     * errors, since the levels share the path's increments).
     */
    public PathAverageJob job() {
        int n = steps.length;
        int curve = checkpoints;
        if (levels0(steps) % curve != 0) {
            throw new IllegalArgumentException("survivalCurve = " + curve + ": must divide the finest level's steps "
                    + levels0(steps));
        }
        String[] names = new String[6 * n - 2 + curve];
        for (int j = 0; j < curve; j++) {
            names[6 * n - 2 + j] = "survival t" + (j + 1);
        }
        for (int i = 0; i < n; i++) {
            names[i] = "naive" + steps[i];
            names[n + i] = "bridged" + steps[i];
            names[2 * n + i] = "naiveSurvival" + steps[i];
            names[3 * n + i] = "bridgedSurvival" + steps[i];
        }
        for (int i = 0; i + 1 < n; i++) {
            names[4 * n + i] = "naiveDiff" + steps[i];
            names[5 * n - 1 + i] = "bridgedDiff" + steps[i];
        }
        int[] levels = steps.clone();
        int finest = levels[n - 1];
        double lo = lower;
        double hi = upper;
        ScalarFunction f = drift;
        ScalarFunction g = diffusion;
        DoubleUnaryOperator pay = payoff;
        double start = x0;
        double t1 = expiry;
        boolean mirror = reflect;
        return PathAverageJob.of("barrier study x0 = " + x0 + ", T = " + expiry + ", barriers (" + lower + ", " + upper
                + ")" + (reflect ? " reflecting" : "") + ", steps " + Arrays.toString(steps), () -> {
                    KeyedStream stream = new KeyedStream();
                    ContinuousSampler gaussian = stream.gaussian();
                    double[] z = new double[finest];
                    return (sd, path, out) -> {
                        stream.reset(sd, path, TAG);
                        for (int k = 0; k < finest; k++) {
                            z[k] = gaussian.sample();
                        }
                        for (int l = 0; l < n; l++) {
                            int stride = finest / levels[l];
                            double h = t1 / levels[l];
                            double scale = Math.sqrt(h / stride);
                            double x = start;
                            boolean alive = true;
                            double weight = 1;
                            boolean last = l == n - 1;
                            int every = finest / curve;
                            if (last) {
                                java.util.Arrays.fill(out, 6 * n - 2, 6 * n - 2 + curve, 0.0);
                            }
                            for (int k = 0; k < levels[l] && alive; k++) {
                                double t = k * h;
                                double dw = 0;
                                for (int s = k * stride; s < (k + 1) * stride; s++) {
                                    dw += z[s];
                                }
                                dw *= scale;
                                double gx = g.value(t, x);
                                double next = x + f.value(t, x) * h + gx * dw;
                                if (mirror) {
                                    next = next < lo ? 2 * lo - next : next > hi ? 2 * hi - next : next;
                                    if (next < lo || next > hi) {
                                        throw new ArithmeticException("path " + path + ": a step of " + dw
                                                + " crossed both barriers; reflection needs steps smaller than the"
                                                + " gap");
                                    }
                                } else if (next <= lo || next >= hi) {
                                    alive = false;
                                    weight = 0;
                                } else {
                                    double v = gx * gx * h;
                                    if (lo > Double.NEGATIVE_INFINITY) {
                                        weight *= -Math.expm1(-2 * (x - lo) * (next - lo) / v);
                                    }
                                    if (hi < Double.POSITIVE_INFINITY) {
                                        weight *= -Math.expm1(-2 * (hi - x) * (hi - next) / v);
                                    }
                                }
                                x = next;
                                if (last && alive && (k + 1) % every == 0) {
                                    out[6 * n - 2 + (k + 1) / every - 1] = weight;
                                }
                            }
                            double p = alive ? pay.applyAsDouble(x) : 0;
                            out[l] = p;
                            out[n + l] = p * weight;
                            out[2 * n + l] = alive ? 1 : 0;
                            out[3 * n + l] = weight;
                        }
                        for (int l = 0; l + 1 < n; l++) {
                            out[4 * n + l] = out[l] - out[l + 1];
                            out[5 * n - 1 + l] = out[n + l] - out[n + l + 1];
                        }
                    };
                }, names).paths(paths).seed(seed).threads(threads);
    }

    private static int levels0(int[] steps) {
        return steps[steps.length - 1];
    }

    /** Runs the study. */
    public BarrierStudyResult run() {
        PathAverages a = job().run();
        int n = steps.length;
        double[] h = new double[n];
        double[][] v = new double[6][n];
        double[][] diff = new double[4][n - 1];
        for (int i = 0; i + 1 < n; i++) {
            diff[0][i] = a.mean(4 * n + i);
            diff[1][i] = a.standardError(4 * n + i);
            diff[2][i] = a.mean(5 * n - 1 + i);
            diff[3][i] = a.standardError(5 * n - 1 + i);
        }
        for (int i = 0; i < n; i++) {
            h[i] = expiry / steps[i];
            v[0][i] = a.mean(i);
            v[1][i] = a.standardError(i);
            v[2][i] = a.mean(n + i);
            v[3][i] = a.standardError(n + i);
            v[4][i] = a.mean(2 * n + i);
            v[5][i] = a.mean(3 * n + i);
        }
        double[] curve = new double[checkpoints];
        double[] curveError = new double[checkpoints];
        for (int j = 0; j < checkpoints; j++) {
            curve[j] = a.mean(6 * n - 2 + j);
            curveError[j] = a.standardError(6 * n - 2 + j);
        }
        return new BarrierStudyResult(steps.clone(), h, v[0], v[1], v[2], v[3], v[4], v[5], diff[0], diff[1], diff[2],
                diff[3], curve, curveError, a.paths(), a.seconds());
    }
}
