package org.sde4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.ensemble.EnsembleResult;
import org.sde4j.ensemble.EnsembleShard;
import org.sde4j.ensemble.ShardMerger;

/**
 * Runs an ensemble on Spark, one task per range of chunks, with the same bits as {@link Ensemble#run()}.
 *
 * <pre>{@code
 * EnsembleSpec spec = () -> Ensemble.of(Problems.gbm().problem(), Schemes.byName("euler-maruyama"))
 *         .steps(64).paths(100_000_000L).seed(42);
 * EnsembleResult r = SparkEnsemble.on(sparkContext, spec).partitions(64).run();
 * }</pre>
 *
 * <p><b>How the bits stay the same.</b> The ensemble's {@code C = ⌈P/256⌉} chunks are cut into
 * {@code n} partitions, partition i covering chunks {@code [⌊iC/n⌋, ⌊(i+1)C/n⌋)}. Task i builds the ensemble
 * from the recipe and runs its chunks ({@link Ensemble#runChunks}); chunk c's randomness depends only on
 * (seed, c), so the task computes the same chunk statistics as one JVM would, wherever it runs and however
 * often it is retried. The driver receives each task's {@link EnsembleShard} as it finishes and folds the
 * chunks in chunk order ({@link ShardMerger}), which is the order {@link Ensemble#run()} folds them in. A path
 * that diverges travels back inside its shard, so the driver throws the same
 * {@link org.sde4j.solver.SolveDivergedException} (time, step, path) as one JVM, and Spark does not retry a
 * task for it; any other task failure is retried by Spark ({@code spark.task.maxFailures}).
 *
 * <p><b>Memory.</b> A shard holds 40 bytes per chunk and saved time for d = 1 (see {@link EnsembleShard});
 * the default partition count keeps it at most {@value #DEFAULT_CHUNKS_PER_PARTITION} chunks (≈ 160 kB), so
 * executors and driver need memory independent of the number of paths.
 */
public final class SparkEnsemble extends ChunkJob<SparkEnsemble> {
    /** The most chunks the default partition count puts in one task: 2^20 paths. */
    public static final int DEFAULT_CHUNKS_PER_PARTITION = 4096;

    private final EnsembleSpec spec;

    private SparkEnsemble(JavaSparkContext context, EnsembleSpec spec) {
        super(context, DEFAULT_CHUNKS_PER_PARTITION, "the ensemble's paths in chunks of " + Ensemble.CHUNK);
        EnsembleSpec.checkSerialisable(spec);
        this.spec = spec;
    }

    /**
     * An ensemble on the given context.
     *
     * @throws IllegalArgumentException when the recipe cannot be serialised for the executors (the message says
     *                                  what to do)
     */
    public static SparkEnsemble on(JavaSparkContext context, EnsembleSpec spec) {
        return new SparkEnsemble(context, spec);
    }

    /** An ensemble on the session's context. */
    public static SparkEnsemble on(SparkSession session, EnsembleSpec spec) {
        if (session == null) {
            throw new IllegalArgumentException("session = null: must be a running SparkSession");
        }
        return new SparkEnsemble(JavaSparkContext.fromSparkContext(session.sparkContext()), spec);
    }

    @Override
    long chunkCount() {
        return spec.create().chunkCount();
    }

    /**
     * Runs the ensemble and folds the shards in chunk order; the result has the same bits as
     * {@code spec.create().run()}. Its {@link EnsembleResult#seconds()} is the wall time of the Spark job. A task
     * that fails more often than Spark retries it ({@code spark.task.maxFailures}) fails the run with Spark's
     * {@code SparkException}.
     *
     * @throws IllegalArgumentException                when the partition count exceeds the number of chunks
     * @throws org.sde4j.solver.SolveDivergedException when a path diverged (the one {@link Ensemble#run()}
     *                                                 reports)
     */
    public EnsembleResult run() {
        long chunks = spec.create().chunkCount();
        ShardMerger merger = new ShardMerger();
        EnsembleSpec recipe = spec;
        runJob(chunks, (from, to, threads) -> {
            Ensemble ensemble = recipe.create().threads(threads);
            if (ensemble.chunkCount() != chunks) {
                throw new IllegalStateException("the EnsembleSpec gave " + ensemble.chunkCount() + " chunks on the"
                        + " executor and " + chunks + " on the driver: it must build the same ensemble every time");
            }
            return ensemble.runChunks(from, to);
        }, EnsembleShard.class, merger::add);
        return merger.result();
    }
}
