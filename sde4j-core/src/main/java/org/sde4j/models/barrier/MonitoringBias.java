package org.sde4j.models.barrier;

import java.util.Arrays;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.ensemble.RunningStatistics;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.random.KeyedStream;
import org.sde4j.sde.Require;

/**
 * The bias of a discretely monitored knock-out call under geometric Brownian motion, measured path by path against an
 * unbiased estimator of the continuously monitored price, with and without the Brownian-bridge correction.
 *
 * <p>Each path of {@code ln S} is sampled exactly at the finest level's N_max dates (the stream keyed by
 * {@code (seed, path, }{@value #TAG}{@code )}); a level of N dates monitors every (N_max/N)-th of them, so every level
 * sees the same path. With h = T/N, S_k the monitored values and d(S) the distance to the barrier H (S − H for a down
 * barrier, H − S for an up barrier), a path whose monitored values all lie inside has the weights
 * <pre>
 *   naive    1,
 *   bridged  Π_k (1 − exp(−2 d(S_k) d(S_{k+1}) / (σ² S_k² h)))          (the local coefficient σS_k, frozen),
 *   exact    Π_k (1 − exp(−2 ln(S_k/H) ln(S_{k+1}/H) / (σ² h)))          (ln S is Brownian motion with drift),
 * </pre>
 * and 0 otherwise. The exact weight is the probability, given the monitored values, that the continuous path stayed
 * inside (for Brownian motion the drift drops out of the bridge), so payoff × exact weight is an unbiased estimator of
 * the continuous price at every N, and {@code payoff × (weight − exact weight)} is one path's estimate of the bias at
 * N. It is non-zero only on paths that come near the barrier, so its variance is far below that of the price itself:
 * the bridged bias, O(h) (Gobet 2000), is resolved with 10⁵ paths where the price's own noise hides it.
 *
 * <p>The naive bias is βσ√h ∂C/∂H + o(√h) (Broadie, Glasserman &amp; Kou 1997). The paths run in {@code batches}
 * equal batches of consecutive path indices; the fitted slopes of log |bias| against log h are taken from all paths,
 * and their standard errors from the spread of the batches' slopes.
 */
public final class MonitoringBias {
    /** Third key word of the streams. */
    public static final long TAG = 0x6d6f6e69L;

    private final double spot;
    private final double strike;
    private final double barrier;
    private final double rate;
    private final double vol;
    private final double expiry;
    private int[] steps = {32, 64, 128, 256, 512};
    private long paths = 100_000;
    private int batches = 10;
    private long seed = 1;
    private int threads = 1;

    private MonitoringBias(double spot, double strike, double barrier, double rate, double vol, double expiry) {
        this.spot = spot;
        this.strike = strike;
        this.barrier = barrier;
        this.rate = rate;
        this.vol = vol;
        this.expiry = expiry;
    }

    /**
     * A knock-out call: down-and-out when the barrier lies below the spot, up-and-out when above.
     *
     * @throws IllegalArgumentException when a parameter is not positive or the barrier equals the spot
     */
    public static MonitoringBias of(double spot, double strike, double barrier, double rate, double vol,
            double expiry) {
        Require.positive("spot", spot);
        Require.positive("strike", strike);
        Require.positive("barrier", barrier);
        Require.finite("rate", rate);
        Require.positive("vol", vol);
        Require.positive("expiry", expiry);
        if (barrier == spot) {
            throw new IllegalArgumentException("barrier = " + barrier + ": must differ from the spot " + spot);
        }
        return new MonitoringBias(spot, strike, barrier, rate, vol, expiry);
    }

    /** The levels' numbers of monitoring dates: at least 2, increasing, each dividing the last. */
    public MonitoringBias steps(int... counts) {
        if (counts.length < 2) {
            throw new IllegalArgumentException("steps = " + Arrays.toString(counts) + ": at least two levels");
        }
        this.steps = BarrierStudy.checkLevels(counts);
        return this;
    }

    /** The number of paths, split into {@link #batches} equal batches (rounded down to a multiple of them). */
    public MonitoringBias paths(long count) {
        this.paths = Require.positive("paths", count);
        return this;
    }

    /** The number of batches for the slopes' standard errors, at least 2. */
    public MonitoringBias batches(int count) {
        if (count < 2) {
            throw new IllegalArgumentException("batches = " + count + ": at least 2");
        }
        this.batches = count;
        return this;
    }

    public MonitoringBias seed(long value) {
        this.seed = value;
        return this;
    }

    public MonitoringBias threads(int count) {
        this.threads = Require.positive("threads", count);
        return this;
    }

    /** The continuously monitored price (Merton 1973; Reiner &amp; Rubinstein 1991). */
    public double reference() {
        return barrier < spot ? BarrierFormulas.downAndOutCall(spot, strike, barrier, rate, 0, vol, expiry)
                : BarrierFormulas.upAndOutCall(spot, strike, barrier, rate, 0, vol, expiry);
    }

    /** Runs the batches one after the other, each on {@code threads} threads. */
    public MonitoringBiasResult run() {
        int n = steps.length;
        long size = paths / batches;
        if (size < 1) {
            throw new IllegalArgumentException("paths = " + paths + ": fewer than batches = " + batches);
        }
        String[] names = names();
        RunningStatistics total = new RunningStatistics(names.length);
        double[][] batchMeans = new double[batches][];
        double seconds = 0;
        for (int b = 0; b < batches; b++) {
            long offset = b * size;
            PathAverages a = job(offset, names).paths(size).seed(seed).threads(threads).run();
            total.merge(a.statistics());
            batchMeans[b] = a.means();
            seconds += a.seconds();
        }
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = expiry / steps[i];
        }
        double[] mean = total.mean();
        double[] se = total.standardError();
        return new MonitoringBiasResult(steps.clone(), h, reference(), Arrays.copyOfRange(mean, 0, 5 * n),
                Arrays.copyOfRange(se, 0, 5 * n), Arrays.copyOfRange(mean, 5 * n, 7 * n - 2),
                Arrays.copyOfRange(se, 5 * n, 7 * n - 2), batchMeans, total.count(), seconds);
    }

    /** Per level i: naive, bridged, exact, naive − exact, bridged − exact; then the successive differences. */
    private String[] names() {
        int n = steps.length;
        String[] names = new String[7 * n - 2];
        String[] kinds = {"naive", "bridged", "exact", "naiveBias", "bridgedBias"};
        for (int k = 0; k < 5; k++) {
            for (int i = 0; i < n; i++) {
                names[k * n + i] = kinds[k] + steps[i];
            }
        }
        for (int i = 0; i + 1 < n; i++) {
            names[5 * n + i] = "naiveDiff" + steps[i];
            names[6 * n - 1 + i] = "bridgedDiff" + steps[i];
        }
        return names;
    }

    private PathAverageJob job(long offset, String[] names) {
        int n = steps.length;
        int[] levels = steps.clone();
        int finest = levels[n - 1];
        double hf = expiry / finest;
        double mu = (rate - 0.5 * vol * vol) * hf;
        double sd = vol * Math.sqrt(hf);
        double v2 = vol * vol;
        double lnH = Math.log(barrier);
        double side = barrier < spot ? 1 : -1;
        double h0 = barrier;
        double x0 = Math.log(spot);
        double k = strike;
        double discount = Math.exp(-rate * expiry);
        double t1 = expiry;
        return PathAverageJob.of("monitoring bias S = " + spot + ", K = " + strike + ", H = " + barrier + ", r = "
                + rate + ", sigma = " + vol + ", T = " + expiry + ", steps " + Arrays.toString(steps) + ", from path "
                + offset, () -> {
                    KeyedStream stream = new KeyedStream();
                    ContinuousSampler gaussian = stream.gaussian();
                    double[] s = new double[finest + 1];
                    double[] ln = new double[finest + 1];
                    return (seedValue, path, out) -> {
                        stream.reset(seedValue, path + offset, TAG);
                        double x = x0;
                        s[0] = spot;
                        ln[0] = side * (x0 - lnH);
                        for (int j = 1; j <= finest; j++) {
                            x += mu + sd * gaussian.sample();
                            s[j] = Math.exp(x);
                            ln[j] = side * (x - lnH);
                        }
                        double pay = discount * Math.max(s[finest] - k, 0);
                        for (int l = 0; l < n; l++) {
                            int stride = finest / levels[l];
                            double h = t1 / levels[l];
                            double bridged = 1;
                            double exact = 1;
                            boolean alive = true;
                            for (int j = 0; j < finest && alive; j += stride) {
                                double a = side * (s[j] - h0);
                                double c = side * (s[j + stride] - h0);
                                if (c <= 0) {
                                    alive = false;
                                } else {
                                    bridged *= stayInside(a, c, v2 * s[j] * s[j] * h);
                                    exact *= stayInside(ln[j], ln[j + stride], v2 * h);
                                }
                            }
                            double naive = alive ? pay : 0;
                            bridged = alive ? pay * bridged : 0;
                            exact = alive ? pay * exact : 0;
                            out[l] = naive;
                            out[n + l] = bridged;
                            out[2 * n + l] = exact;
                            out[3 * n + l] = naive - exact;
                            out[4 * n + l] = bridged - exact;
                        }
                        for (int l = 0; l + 1 < n; l++) {
                            out[5 * n + l] = out[l] - out[l + 1];
                            out[6 * n - 1 + l] = out[n + l] - out[n + l + 1];
                        }
                    };
                }, names);
    }

    /**
     * The probability that a Brownian bridge from distance a &gt; 0 to distance c &gt; 0 from a barrier, with variance
     * v over the interval, does not reach it: {@code 1 − exp(−2ac/v)}; exactly 1 in double precision once 2ac/v &gt;
     * 40.
     */
    static double stayInside(double a, double c, double v) {
        double e = 2 * a * c / v;
        return e > 40 ? 1 : -Math.expm1(-e);
    }
}
