package org.sde4j.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sde4j.error.ConvergenceResult;
import org.sde4j.error.ConvergenceStudy;
import org.sde4j.error.StudyMerger;
import org.sde4j.error.StudyShard;

/**
 * Runs a strong or weak convergence study on Spark, one task per range of paths, with the same bits as
 * {@link ConvergenceStudy#run()} in one JVM: the same errors, standard errors, fitted order and bootstrap
 * interval.
 *
 * <pre>{@code
 * StudySpec spec = () -> StrongError.of(Problems.gbm().problem(), Schemes.byName("euler-maruyama"))
 *         .exact(Problems.gbm().requireSolution()).halvings(16, 5).paths(200_000).seed(42);
 * ConvergenceResult r = SparkConvergence.on(sparkContext, spec).partitions(16).run();
 * }</pre>
 *
 * <p><b>How the bits stay the same.</b> The study's {@code C = ⌈P/64⌉} chunks are cut into {@code n}
 * partitions, partition i covering chunks {@code [⌊iC/n⌋, ⌊(i+1)C/n⌋)}. Task i builds the study from the recipe
 * and runs its chunks ({@link ConvergenceStudy#runChunks}): path p's Brownian path comes from stream p of the
 * seed and every chunk is solved as one block, as in one JVM, so the task returns the per-path samples one JVM
 * computes for those paths, wherever it runs and however often Spark retries it. The driver's
 * {@link StudyMerger} places each task's samples at their paths as tasks finish, and finishes the study with the
 * code of {@link ConvergenceStudy#run()}: running means in path order, the least-squares order, and the
 * bootstrap over all paths. A path that diverges travels back inside its shard, so the driver throws the
 * {@link org.sde4j.solver.SolveDivergedException} one JVM throws, and Spark does not retry a task for it.
 *
 * <p><b>Memory.</b> Unlike an ensemble's, a study's shards carry every path ({@code 8 · width} bytes per path:
 * 3 doubles per level for a strong study, 1 per level plus reference and control columns for a weak one),
 * because the bootstrap resamples paths; the driver holds all of them, as one JVM does, and the serialised
 * results of a job must fit Spark's {@code spark.driver.maxResultSize} (default 1 GiB: about 8 million paths of
 * a five-level strong study). The executors do the solving, which is what costs.
 */
public final class SparkConvergence extends ChunkJob<SparkConvergence> {
    /** The most chunks the default partition count puts in one task: 16384 paths. */
    public static final int DEFAULT_CHUNKS_PER_PARTITION = 256;

    private final StudySpec spec;

    private SparkConvergence(JavaSparkContext context, StudySpec spec) {
        super(context, DEFAULT_CHUNKS_PER_PARTITION, "the study's paths in chunks of " + ConvergenceStudy.CHUNK);
        StudySpec.checkSerialisable(spec);
        this.spec = spec;
    }

    /**
     * A study on the given context.
     *
     * @throws IllegalArgumentException when the recipe cannot be serialised for the executors (the message says
     *                                  what to do)
     */
    public static SparkConvergence on(JavaSparkContext context, StudySpec spec) {
        return new SparkConvergence(context, spec);
    }

    /** A study on the session's context. */
    public static SparkConvergence on(SparkSession session, StudySpec spec) {
        if (session == null) {
            throw new IllegalArgumentException("session = null: must be a running SparkSession");
        }
        return new SparkConvergence(JavaSparkContext.fromSparkContext(session.sparkContext()), spec);
    }

    @Override
    long chunkCount() {
        return spec.create().chunkCount();
    }

    /**
     * Runs the study and merges the shards; the result has the same bits as {@code spec.create().run()}. Its
     * {@link ConvergenceResult#seconds()} is the wall time from the job's start to the finished result, and its
     * {@link ConvergenceResult#cpuSeconds()} the executors' CPU time per level. A task that fails more often than
     * Spark retries it ({@code spark.task.maxFailures}) fails the run with Spark's {@code SparkException}.
     *
     * @throws IllegalArgumentException                when the study is incomplete, or the partition count
     *                                                 exceeds the number of chunks
     * @throws org.sde4j.solver.SolveDivergedException when a path diverged (the one {@link ConvergenceStudy#run()}
     *                                                 reports)
     */
    public ConvergenceResult run() {
        ConvergenceStudy<?> study = spec.create();
        StudyMerger merger = study.merger();
        long chunks = study.chunkCount();
        StudySpec recipe = spec;
        runJob(chunks, (from, to, threads) -> {
            ConvergenceStudy<?> part = recipe.create().threads(threads);
            if (part.chunkCount() != chunks) {
                throw new IllegalStateException("the StudySpec gave " + part.chunkCount() + " chunks on the"
                        + " executor and " + chunks + " on the driver: it must build the same study every time");
            }
            return part.runChunks(from, to);
        }, StudyShard.class, merger::add);
        return merger.result();
    }
}
