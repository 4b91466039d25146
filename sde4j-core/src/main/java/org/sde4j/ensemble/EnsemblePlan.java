package org.sde4j.ensemble;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.sde4j.brownian.BrownianSource;
import org.sde4j.brownian.BrownianSourceFactory;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.BlockSolver;
import org.sde4j.solver.engine.PathSolver;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.StepFailedException;
import org.sde4j.solver.TimeGrid;

/**
 * What each chunk of an {@link Ensemble} computes — its 256 paths solved by the block or the path engine, reduced
 * to statistics at the saved times — and the fold that merges the chunks' statistics in chunk order. A snapshot of
 * the ensemble's settings ({@link Ensemble#plan()}).
 */
final class EnsemblePlan implements ChunkPlan<EnsembleChunk, EnsembleResult> {
    /** The longest the second worker warms the vector kernel up before taking chunks (it usually takes 0.5 s). */
    private static final long WARM_UP_AT_MOST_MILLIS = 2000;

    /** The settings of the ensemble, copied. */
    record Settings(SdeProblem problem, Scheme scheme, TimeGrid grid, int[] saveIndices, long paths, long seed,
            boolean covariance, int histogramComponent, Histogram histogramLayout, boolean keepFinalStates,
            BrownianSourceFactory pathSources, boolean blocks, int chunksPerBlock, int threads,
            LongConsumer progress) {
    }

    private final Settings s;
    private final double[] savedTimes;
    private final int d;
    private final int m;
    private final int saves;
    private final AtomicLong finished = new AtomicLong();
    private final AtomicInteger workersStarted = new AtomicInteger();

    EnsemblePlan(Settings settings) {
        this.s = settings;
        this.savedTimes = Arrays.stream(s.saveIndices()).mapToDouble(s.grid()::time).toArray();
        this.d = s.problem().dimension();
        this.m = s.problem().sde().noiseDimension();
        this.saves = s.saveIndices().length;
    }

    @Override
    public long chunkCount() {
        return (s.paths() + Ensemble.CHUNK - 1) / Ensemble.CHUNK;
    }

    @Override
    public String identity() {
        return "ensemble of " + s.paths() + " paths in chunks of " + Ensemble.CHUNK + ", " + s.scheme().name() + " on the "
                + (s.blocks() ? "block" : "path") + " engine, seed " + s.seed() + ", " + s.grid().steps()
                + " steps, saved at " + Arrays.toString(savedTimes) + ", d = " + d
                + (s.covariance() ? ", covariance" : "")
                + (s.histogramLayout() == null ? "" : ", histogram of component " + s.histogramComponent()
                        + " on [" + s.histogramLayout().edge(0) + ", " + s.histogramLayout().edge(s.histogramLayout().bins())
                        + ") in " + s.histogramLayout().bins() + " bins")
                + (s.keepFinalStates() ? ", final states kept" : "");
    }

    @Override
    public int chunksPerBlock() {
        return s.chunksPerBlock();
    }

    @Override
    public Worker<EnsembleChunk> newWorker() {
        return s.blocks() ? blockWorker() : pathWorker();
    }

    @Override
    public Fold<EnsembleChunk, EnsembleResult> newFold() {
        return new EnsembleFold();
    }

    /** The first path of chunk c and the number of its paths. */
    private long firstPath(long chunk) {
        return chunk * Ensemble.CHUNK;
    }

    private int count(long chunk) {
        return (int) Math.min(Ensemble.CHUNK, s.paths() - firstPath(chunk));
    }

    /**
     * The block engine: chunk c is one block of paths in structure-of-arrays layout, driven by the stream keyed
     * by (seed, c). When the workers take every processor and the job is large enough to repay it
     * ({@link BoxMullerStream#worthWarmingUp}), the second worker first warms the Gaussian stream's vector kernel up,
     * in its own thread ({@link BoxMullerStream#warmUp(long)}), while the other workers start on the chunks: the run
     * owns the warm-up, and nothing starts a thread of its own.
     */
    private Worker<EnsembleChunk> blockWorker() {
        if (workersStarted.getAndIncrement() == 1 && s.scheme().drivingNoise() == null
                && s.threads() >= Runtime.getRuntime().availableProcessors()) {
            if (BoxMullerStream.worthWarmingUp((double) s.paths() * s.grid().steps() * m)) {
                BoxMullerStream.warmUp(WARM_UP_AT_MOST_MILLIS);
            }
        }
        BlockSolver solver = new BlockSolver(s.problem(), s.scheme(), s.grid(), Ensemble.CHUNK, s.saveIndices());
        double[] state = new double[d];
        return chunk -> {
            long first = firstPath(chunk);
            int count = count(chunk);
            EnsembleChunk part = emptyPart(count);
            try {
                solver.solveBlock(s.seed(), (int) chunk, count, (k, x, n, stride) -> {
                    for (int p = 0; p < n; p++) {
                        for (int i = 0; i < d; i++) {
                            state[i] = x[i * stride + p];
                        }
                        add(part, k, p, state);
                    }
                });
            } catch (SolveDivergedException e) {
                throw e.onPath(first + e.path());
            }
            report(count);
            return part;
        };
    }

    /** The path engine: path i driven by its own source created from (seed, i), a chunk's paths stepped together. */
    private Worker<EnsembleChunk> pathWorker() {
        PathSolver solver = new PathSolver(s.problem(), s.scheme(), s.grid(), s.saveIndices());
        double[][] states = new double[Ensemble.CHUNK][solver.stateLength()];
        double[][][] saved = new double[Ensemble.CHUNK][saves][d];
        BrownianSource[] brownian = new BrownianSource[Ensemble.CHUNK];
        return chunk -> {
            long first = firstPath(chunk);
            int count = count(chunk);
            for (int i = 0; i < count; i++) {
                brownian[i] = s.pathSources().create(s.seed(), first + i, m);
            }
            try {
                solver.solveBlock(brownian, count, states, saved);
            } catch (SolveDivergedException e) {
                throw e.onPath(first + e.path());
            } catch (StepFailedException e) {
                throw e.onPath(first + e.path());
            }
            EnsembleChunk part = emptyPart(count);
            for (int k = 0; k < saves; k++) {
                for (int i = 0; i < count; i++) {
                    add(part, k, i, saved[i][k]);
                }
            }
            report(count);
            return part;
        };
    }

    private EnsembleChunk emptyPart(int count) {
        RunningStatistics[] statistics = new RunningStatistics[saves];
        Histogram[] histograms = s.histogramLayout() == null ? null : new Histogram[saves];
        for (int k = 0; k < saves; k++) {
            statistics[k] = new RunningStatistics(d, s.covariance());
            if (histograms != null) {
                histograms[k] = s.histogramLayout().emptyLike();
            }
        }
        return new EnsembleChunk(statistics, histograms, s.keepFinalStates() ? new double[count * d] : null);
    }

    /** Adds path {@code p} (of its chunk) at saved time {@code k}. */
    private void add(EnsembleChunk part, int k, int p, double[] state) {
        part.statistics()[k].add(state);
        if (part.histograms() != null) {
            part.histograms()[k].add(state[s.histogramComponent()]);
        }
        if (part.finalStates() != null && k == saves - 1) {
            System.arraycopy(state, 0, part.finalStates(), p * d, d);
        }
    }

    private void report(int count) {
        if (s.progress() != null) {
            s.progress().accept(finished.addAndGet(count));
        }
    }

    /** Merges the chunks' statistics left to right, {@code ((c₀ ⊕ c₁) ⊕ c₂) ⊕ …}, and places kept final states. */
    private final class EnsembleFold implements Fold<EnsembleChunk, EnsembleResult> {
        private final RunningStatistics[] total = new RunningStatistics[saves];
        private final Histogram[] histograms = s.histogramLayout() == null ? null : new Histogram[saves];
        private double[] finalStates;

        EnsembleFold() {
            for (int k = 0; k < saves; k++) {
                total[k] = new RunningStatistics(d, s.covariance());
                if (histograms != null) {
                    histograms[k] = s.histogramLayout().emptyLike();
                }
            }
        }

        @Override
        public void add(long chunk, EnsembleChunk part) {
            for (int k = 0; k < saves; k++) {
                total[k].merge(part.statistics()[k]);
                if (histograms != null) {
                    histograms[k].merge(part.histograms()[k]);
                }
            }
            if (part.finalStates() != null) {
                if (finalStates == null) {
                    finalStates = new double[Math.toIntExact(s.paths() * d)];
                }
                System.arraycopy(part.finalStates(), 0, finalStates, Math.toIntExact(firstPath(chunk) * d),
                        part.finalStates().length);
            }
        }

        @Override
        public EnsembleResult result(double seconds) {
            return new EnsembleResult(savedTimes.clone(), total, histograms, finalStates, d, seconds);
        }
    }
}
