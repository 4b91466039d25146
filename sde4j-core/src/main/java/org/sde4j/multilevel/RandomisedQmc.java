package org.sde4j.multilevel;

import java.io.Serializable;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.ChunkRunner;
import org.sde4j.montecarlo.MonteCarloJob;
import org.sde4j.montecarlo.Shard;
import org.sde4j.qmc.BrownianBridge;
import org.sde4j.qmc.Gaussian;
import org.sde4j.qmc.ScrambledSobol;
import org.sde4j.qmc.Sobol;
import org.sde4j.qmc.StudentT;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;

/**
 * Randomised quasi-Monte Carlo for {@code E P} at a fixed step: R independent randomisations
 * ({@link ScrambledSobol}: linear matrix scramble plus digital shift, or the shift alone) of the first N points of the
 * Sobol sequence, each point turned into a path by the Brownian bridge ({@link BrownianBridge}: coordinate 0 sets
 * W(T), then the midpoints), the normals by {@link Gaussian#quantile}.
 *
 * <p><b>The interval.</b> Randomisation r gives an unbiased estimate {@code P̄_r} of {@code E P_n} (the mean at this
 * step); the R estimates are independent and identically distributed, so {@code P̂ = mean_r P̄_r} and
 * {@code s² = Σ (P̄_r − P̂)² / (R(R − 1))} give the interval {@code P̂ ± t_{R−1, 0.975} s}. The t quantile assumes the
 * P̄_r are near normal (for a smooth payoff and large N, a central limit theorem holds for scrambled nets; Loh 2003).
 * The variance reduction reported is {@code (Var P / (R N)) / s²}: plain Monte Carlo's variance at the same number of
 * paths over RQMC's.
 *
 * <p><b>Dimensions.</b> A path of n steps and m noises takes n·m coordinates (bridge normal i of noise j is coordinate
 * {@code i m + j}); beyond the {@value Sobol#MAX_DIMENSION} of the bundled direction numbers, and for the lookback's
 * extra draws, the normals come from a pseudo-random stream keyed by (seed, r, chunk) — the usual padding, which
 * leaves the estimate unbiased.
 *
 * <p><b>Chunks.</b> Chunk c is randomisation {@code c / (N/256)}, points {@code 256 (c mod N/256) …} of it: a
 * chunk's part depends on (seed, c) only, so the result has the same bits for any thread count or shard split.
 */
public final class RandomisedQmc implements MonteCarloJob<RandomisedQmc.Result> {
    private static final int CHUNK = LevelJob.CHUNK;

    private final SdeProblem problem;
    private final Coupling scheme;
    private final Payoff payoff;
    private int steps = 64;
    private long points = 4096;
    private int randomisations = 16;
    private long seed = 1;
    private boolean matrixScramble = true;
    private int threads = 1;
    private Executor executor;
    private long firstPoint;
    /** M for a coupled level (P_fine − P_coarse, the coarse solve on steps/M), or 0 for P alone. */
    private int factor;

    /**
     * The estimate of the mean of R randomisations.
     *
     * @param estimate        P̂
     * @param standardError   s
     * @param lower           {@code P̂ − t s}
     * @param upper           {@code P̂ + t s}
     * @param means           the R randomisations' means P̄_r
     * @param points          N per randomisation
     * @param steps           n
     * @param pathVariance    the sample variance of P over all R·N paths
     * @param varianceReduction {@code (pathVariance / (R N)) / s²}
     * @param seconds         wall time
     */
    public record Result(double estimate, double standardError, double lower, double upper, double[] means,
            long points, int steps, double pathVariance, double varianceReduction, double seconds) {
    }

    /** One chunk's sums, tagged with its randomisation. */
    record Part(int randomisation, double sum, double sum2) implements Serializable {
    }

    private RandomisedQmc(SdeProblem problem, Coupling scheme, Payoff payoff) {
        this.problem = Require.nonNull("problem", problem);
        this.scheme = Require.nonNull("scheme", scheme);
        this.payoff = Require.nonNull("payoff", payoff);
        Multilevel.checkFits(problem, scheme, payoff);
    }

    /** RQMC for {@code E payoff(X)} with paths solved by {@code scheme}. */
    public static RandomisedQmc of(SdeProblem problem, Coupling scheme, Payoff payoff) {
        return new RandomisedQmc(problem, scheme, payoff);
    }

    /** n, the steps of each path (default 64). */
    public RandomisedQmc steps(int n) {
        this.steps = Require.positive("steps", n);
        return this;
    }

    /** N, the points per randomisation: a power of two, at least 256 (default 4096). */
    public RandomisedQmc points(long n) {
        if (n < CHUNK || Long.bitCount(n) != 1 || n > (1L << 31)) {
            throw new IllegalArgumentException("points = " + n + ": must be a power of two in [256, 2^31]");
        }
        this.points = n;
        return this;
    }

    /** R, the independent randomisations: at least 2 (default 16). */
    public RandomisedQmc randomisations(int r) {
        if (r < 2) {
            throw new IllegalArgumentException("randomisations = " + r + ": at least 2 are needed for an interval");
        }
        this.randomisations = r;
        return this;
    }

    /**
     * Makes each path's value the multilevel correction {@code Y = P_n − P_{n/M}}: the coarse solve on n/M steps
     * driven by the sums of the M fine increments (0, the default, for P alone). For multilevel QMC.
     *
     * @param m M ≥ 2 dividing the steps, or 0
     */
    public RandomisedQmc coupled(int m) {
        if (m != 0 && m < 2) {
            throw new IllegalArgumentException("coupled = " + m + ": the refinement factor must be 0 or at least 2");
        }
        this.factor = m;
        return this;
    }

    /** Runs points {@code [first, first + count)} of every randomisation only (for a driver that extends N). */
    Result runRange(long first, long count) {
        long savedPoints = points;
        try {
            this.firstPoint = first;
            this.points = count;
            return run();
        } finally {
            this.firstPoint = 0;
            this.points = savedPoints;
        }
    }

    /** The root seed (default 1). */
    public RandomisedQmc seed(long value) {
        this.seed = value;
        return this;
    }

    /** True (default): matrix scramble and digital shift; false: the digital shift alone. */
    public RandomisedQmc matrixScramble(boolean value) {
        this.matrixScramble = value;
        return this;
    }

    @Override
    public RandomisedQmc threads(int count) {
        this.threads = Require.positive("threads", count);
        return this;
    }

    /** Runs on {@code pool} (null: a pool of the run's own). */
    public RandomisedQmc executor(Executor pool) {
        this.executor = pool;
        return this;
    }

    @Override
    public Result run() {
        return ChunkRunner.run(plan(), threads, executor);
    }

    @Override
    public Shard runChunks(long fromChunk, long toChunk) {
        return ChunkRunner.runShard(plan(), fromChunk, toChunk, threads, executor);
    }

    @Override
    public ChunkPlan<Part, Result> plan() {
        if (factor != 0 && steps % factor != 0) {
            throw new IllegalArgumentException("steps = " + steps + ": must be a multiple of the coupling factor "
                    + factor);
        }
        return new Plan(steps, points, randomisations, seed, matrixScramble, firstPoint, factor);
    }

    /**
     * Doubles N (from {@code startPoints}, running only the new points {@code [N, 2N)} of every randomisation, whose
     * sums add to the earlier ones) until the standard error of the mean is at most {@code target}, or
     * {@code maxPoints} is reached. The result counts every point run.
     *
     * @param target      the standard error to reach, &gt; 0 (ε/√2 for a root-mean-square error ε when the
     *                    step's bias is below ε/√2)
     * @param startPoints the first N, a power of two ≥ 256
     * @param maxPoints   the largest N
     * @return the estimate at the last N
     */
    public Result toStandardError(double target, long startPoints, long maxPoints) {
        return toStandardError(target, startPoints, maxPoints, Double.POSITIVE_INFINITY, null);
    }

    /**
     * {@link #toStandardError(double, long, long)} that starts no new doubling after {@code maxSeconds} (the result
     * then has fewer points than the target asks, and its standard error says so), telling {@code progress} (null:
     * nobody) a line after each doubling.
     */
    public Result toStandardError(double target, long startPoints, long maxPoints, double maxSeconds,
            Consumer<String> progress) {
        Require.positive("target", target);
        if (!(maxSeconds > 0)) {
            throw new IllegalArgumentException("maxSeconds = " + maxSeconds + ": must be > 0 (infinite: no limit)");
        }
        long start = System.nanoTime();
        points(startPoints);
        points(maxPoints);
        long n = startPoints;
        double[] sums = new double[randomisations];
        double[] all = new double[2];
        double seconds = 0;
        long from = 0;
        Result last;
        while (true) {
            this.firstPoint = from;
            this.points = n - from;
            Result part;
            try {
                part = run();
            } finally {
                this.firstPoint = 0;
                this.points = n;
            }
            seconds += part.seconds();
            for (int k = 0; k < randomisations; k++) {
                sums[k] += part.means()[k] * (n - from);
            }
            all[0] += part.estimate() * (n - from) * randomisations;
            all[1] += (part.pathVariance() * ((double) (n - from) * randomisations - 1)
                    + Math.pow(part.estimate(), 2) * (n - from) * randomisations);
            last = summarise(sums, all, n, steps, seconds);
            double elapsed = (System.nanoTime() - start) * 1e-9;
            if (progress != null) {
                progress.accept(String.format(Locale.ROOT, "qmc: %d x %d points of %d steps, standard error %.3g"
                        + " (target %.3g), %.1f s", randomisations, n, steps, last.standardError(), target, elapsed));
            }
            if (last.standardError() <= target || n >= maxPoints || elapsed > maxSeconds) {
                return last;
            }
            from = n;
            n *= 2;
        }
    }

    /** The result of per-randomisation sums over points [0, n) and the sums of P and P² over all paths. */
    private Result summarise(double[] sums, double[] all, long n, int stepCount, double seconds) {
        int r = sums.length;
        double[] means = new double[r];
        double mean = 0;
        for (int k = 0; k < r; k++) {
            means[k] = sums[k] / n;
            mean += means[k];
        }
        mean /= r;
        double ss = 0;
        for (int k = 0; k < r; k++) {
            ss += (means[k] - mean) * (means[k] - mean);
        }
        double se = Math.sqrt(ss / ((double) r * (r - 1)));
        double t = StudentT.twoSidedQuantile(0.95, r - 1);
        double total = (double) n * r;
        double pathVariance = Math.max(0, (all[1] - total * (all[0] / total) * (all[0] / total)) / (total - 1));
        double reduction = pathVariance / total / (se * se);
        return new Result(mean, se, mean - t * se, mean + t * se, means, n, stepCount, pathVariance, reduction,
                seconds);
    }

    private final class Plan implements ChunkPlan<Part, Result> {
        private final int n;
        private final long pointCount;
        private final int r;
        private final long planSeed;
        private final boolean matrix;
        private final int m = problem.sde().noiseDimension();
        private final int dimension;
        private final int sobolDimension;
        private final long chunksPerRandomisation;
        private final long firstBlock;
        private final int planFactor;

        Plan(int n, long pointCount, int r, long planSeed, boolean matrix, long firstPoint, int planFactor) {
            this.planFactor = planFactor;
            this.n = n;
            this.pointCount = pointCount;
            this.r = r;
            this.planSeed = planSeed;
            this.matrix = matrix;
            this.dimension = Math.multiplyExact(n, m);
            this.sobolDimension = Math.min(dimension, Sobol.MAX_DIMENSION);
            this.chunksPerRandomisation = pointCount / CHUNK;
            this.firstBlock = firstPoint / CHUNK;
        }

        @Override
        public long chunkCount() {
            return chunksPerRandomisation * r;
        }

        @Override
        public String identity() {
            return "randomised QMC: " + r + " randomisations of " + pointCount + " Sobol points ("
                    + (matrix ? "matrix scramble + digital shift" : "digital shift") + ", Brownian bridge), "
                    + n + " steps of " + scheme.label() + (planFactor == 0 ? "" : " coupled with " + n / planFactor + " steps")
                    + ", " + payoff.name() + ", seed " + planSeed + ", points from "
                    + firstBlock * CHUNK + ", " + problem;
        }

        @Override
        public Worker<Part> newWorker() {
            Sobol sobol = new Sobol(sobolDimension);
            int m0 = planFactor;
            LevelSampler sampler = new LevelSampler(problem, scheme, payoff, 0, n, m0, CHUNK);
            double[] pc = new double[CHUNK];
            BrownianBridge bridge = new BrownianBridge(n, problem.t1() - problem.t0());
            double[] u = new double[dimension * CHUNK];
            double[] dw = new double[dimension * CHUNK];
            double[] w = new double[n + 1];
            double[] pf = new double[CHUNK];
            int rows = sampler.rows();
            BoxMullerStream padding = BoxMullerStream.of(planSeed, 0);
            double invSqrtH = 1 / Math.sqrt((problem.t1() - problem.t0()) / n);
            ScrambledSobol[] current = new ScrambledSobol[1];
            long[] currentR = {-1};
            return chunk -> {
                int rand = (int) (chunk / chunksPerRandomisation);
                long block = firstBlock + chunk % chunksPerRandomisation;
                long first = block * CHUNK;
                if (currentR[0] != rand) {
                    current[0] = new ScrambledSobol(sobol, planSeed, rand, matrix);
                    currentR[0] = rand;
                }
                padding.reset(planSeed ^ 0x7061646400000000L, (long) rand << 32 | block);
                current[0].fill(first, CHUNK, sobolDimension, u, CHUNK);
                for (int i = 0; i < sobolDimension * CHUNK; i++) {
                    u[i] = Gaussian.quantile(u[i]);
                }
                if (dimension > sobolDimension) {
                    padding.nextGaussians(u, sobolDimension * CHUNK, (dimension - sobolDimension) * CHUNK);
                }
                for (int j = 0; j < m; j++) {
                    for (int p = 0; p < CHUNK; p++) {
                        bridge.increments(u, j * CHUNK + p, m * CHUNK, w, dw, j * CHUNK + p, m * CHUNK);
                    }
                }
                int[] step = {0};
                sampler.sample((z, count) -> {
                    int o = step[0]++ * m * CHUNK;
                    for (int i = 0; i < m * CHUNK; i++) {
                        z[i] = dw[o + i] * invSqrtH;
                    }
                    if (rows > m) {
                        padding.nextGaussians(z, m * CHUNK, (rows - m) * CHUNK);
                    }
                }, CHUNK, pf, pc, first, false);
                if (m0 != 0) {
                    for (int p = 0; p < CHUNK; p++) {
                        pf[p] -= pc[p];
                    }
                }
                double s = 0;
                double s2 = 0;
                for (int p = 0; p < CHUNK; p++) {
                    s += pf[p];
                    s2 += pf[p] * pf[p];
                }
                if (!Double.isFinite(s2)) {
                    throw new IllegalStateException("randomised QMC: a payoff of randomisation " + rand + ", points ["
                            + first + ", " + (first + CHUNK) + ") is not finite; " + n + " steps of " + scheme.label()
                            + " may be too coarse for " + problem);
                }
                return new Part(rand, s, s2);
            };
        }

        @Override
        public Fold<Part, Result> newFold() {
            double[] sums = new double[r];
            double[] all = new double[2];
            return new Fold<>() {
                @Override
                public void add(long chunk, Part part) {
                    sums[part.randomisation()] += part.sum();
                    all[0] += part.sum();
                    all[1] += part.sum2();
                }

                @Override
                public Result result(double seconds) {
                    return summarise(sums, all, pointCount, n, seconds);
                }
            };
        }
    }
}
