package org.sde4j.multilevel;

import java.util.concurrent.Executor;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.ChunkRunner;
import org.sde4j.montecarlo.MonteCarloJob;
import org.sde4j.montecarlo.Shard;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.random.KeyedStream;
import org.sde4j.sde.Require;
import org.sde4j.sde.SdeProblem;

/**
 * Samples of one level on the chunked runner: chunks {@code [first, first + chunks)} of the level's endless
 * sequence of chunks of {@value #CHUNK} paths, each a coupled fine and coarse solve, reduced to {@link LevelSums}.
 * Chunk c of level ℓ draws from {@code BoxMullerStream.of(levelSeed(seed, ℓ), c)}: its paths depend on (seed, ℓ, c)
 * only, so the sums have the same bits for any thread count, and shards of a level merge exactly
 * ({@link #merger()}). The adaptive estimator ({@link Multilevel}) adds samples to a level by running its next
 * chunks.
 *
 * <p>With {@code coupled = false} the job samples the fine payoff alone (Y = P_ℓ): plain Monte Carlo at n_ℓ steps.
 */
public final class LevelJob implements MonteCarloJob<LevelSums> {
    /** Paths per chunk. */
    public static final int CHUNK = 256;

    private final SdeProblem problem;
    private final Coupling coupling;
    private final Payoff payoff;
    private final Levels levels;
    private final int level;
    private final boolean coupled;
    private final long seed;
    private final long firstChunk;
    private final long chunks;
    private int threads = 1;
    private Executor executor;
    private LevelSums earlier = LevelSums.EMPTY;

    /**
     * @param problem    the problem (d = 1 or diagonal noise; a scalar SDE for path-dependent payoffs)
     * @param coupling   the scheme of both solves
     * @param payoff     the functional
     * @param levels     the step sizes
     * @param level      ℓ ≥ 0
     * @param coupled    whether Y = P_ℓ − P_{ℓ−1} (true, for ℓ ≥ 1) or Y = P_ℓ
     * @param seed       the root seed
     * @param firstChunk the first chunk of the level to run
     * @param chunks     how many chunks
     */
    public LevelJob(SdeProblem problem, Coupling coupling, Payoff payoff, Levels levels, int level, boolean coupled,
            long seed, long firstChunk, long chunks) {
        this.problem = Require.nonNull("problem", problem);
        this.coupling = Require.nonNull("coupling", coupling);
        this.payoff = Require.nonNull("payoff", payoff);
        this.levels = Require.nonNull("levels", levels);
        levels.steps(level);
        Multilevel.checkFits(problem, coupling, payoff);
        if (firstChunk < 0) {
            throw new IllegalArgumentException("firstChunk = " + firstChunk + ": must be at least 0");
        }
        this.level = level;
        this.coupled = coupled && level > 0;
        this.seed = seed;
        this.firstChunk = firstChunk;
        this.chunks = Require.positive("chunks", chunks);
    }

    /** The root seed of level ℓ's streams. */
    static long levelSeed(long seed, int level) {
        KeyedStream k = new KeyedStream();
        k.reset(seed, 0x6d6c6d63L, level);
        return k.nextLong();
    }

    @Override
    public LevelJob threads(int count) {
        this.threads = Require.positive("threads", count);
        return this;
    }

    /**
     * Continues the sums of the level's chunks before {@code firstChunk}: the chunks' parts are added to
     * {@code sums} one by one in chunk order, so running chunks [0, a) and then [a, b) after them gives the same
     * bits as running [0, b) at once (a plain {@link LevelSums#plus} of two runs' totals would round differently).
     */
    public LevelJob after(LevelSums sums) {
        this.earlier = Require.nonNull("sums", sums);
        return this;
    }

    /** Runs on {@code pool} (null: a pool of the run's own). */
    public LevelJob executor(Executor pool) {
        this.executor = pool;
        return this;
    }

    @Override
    public LevelSums run() {
        return ChunkRunner.run(plan(), threads, executor);
    }

    @Override
    public Shard runChunks(long fromChunk, long toChunk) {
        return ChunkRunner.runShard(plan(), fromChunk, toChunk, threads, executor);
    }

    @Override
    public ChunkPlan<LevelSums, LevelSums> plan() {
        return new Plan();
    }

    private final class Plan implements ChunkPlan<LevelSums, LevelSums> {
        private final long levelSeed = levelSeed(seed, level);
        private final int fineSteps = levels.steps(level);

        @Override
        public long chunkCount() {
            return chunks;
        }

        @Override
        public String identity() {
            return "multilevel level " + level + " (" + fineSteps + " fine steps" + (coupled ? ", " + fineSteps
                    / levels.factor() + " coarse" : ", uncoupled") + "), " + coupling.label() + ", " + payoff.name()
                    + ", seed " + seed + ", chunks [" + firstChunk + ", " + (firstChunk + chunks) + ") of " + CHUNK
                    + " paths, " + problem;
        }

        @Override
        public int chunksPerBlock() {
            return fineSteps >= 64 ? 1 : 4;
        }

        @Override
        public Worker<LevelSums> newWorker() {
            LevelSampler sampler = new LevelSampler(problem, coupling, payoff, level, fineSteps,
                    coupled ? levels.factor() : 0, CHUNK);
            BoxMullerStream stream = BoxMullerStream.of(levelSeed, firstChunk);
            double[] pf = new double[CHUNK];
            double[] pc = new double[CHUNK];
            return chunk -> {
                long global = firstChunk + chunk;
                stream.reset(levelSeed, global);
                sampler.sample((zz, n) -> stream.nextGaussians(zz, 0, n), CHUNK, pf, pc, global * CHUNK, false);
                return sums(pf, pc, global, sampler, stream);
            };
        }

        private LevelSums sums(double[] pf, double[] pc, long global, LevelSampler sampler, BoxMullerStream stream) {
            double sy = 0;
            double sy2 = 0;
            double sp = 0;
            double sp2 = 0;
            for (int p = 0; p < CHUNK; p++) {
                double fine = pf[p];
                double y = coupled ? fine - pc[p] : fine;
                if (!Double.isFinite(y)) {
                    stream.reset(levelSeed, global);
                    sampler.sample((zz, n) -> stream.nextGaussians(zz, 0, n), CHUNK, pf, pc, global * CHUNK, true);
                    throw new IllegalStateException("level " + level + ": the payoff of path " + (global * CHUNK + p)
                            + " is not finite (" + fine + (coupled ? " fine, " + pc[p] + " coarse" : "")
                            + ") although its states are: " + payoff.name() + " is not defined there");
                }
                sy += y;
                sy2 += y * y;
                sp += fine;
                sp2 += fine * fine;
            }
            return new LevelSums(CHUNK, sy, sy2, sp, sp2, 0);
        }

        @Override
        public Fold<LevelSums, LevelSums> newFold() {
            return new Fold<>() {
                private LevelSums total = earlier;

                @Override
                public void add(long chunk, LevelSums part) {
                    total = total.plus(part);
                }

                @Override
                public LevelSums result(double seconds) {
                    return total.withSeconds(earlier.seconds() + seconds);
                }
            };
        }
    }
}
