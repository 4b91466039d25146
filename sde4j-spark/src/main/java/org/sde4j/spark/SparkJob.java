package org.sde4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sde4j.montecarlo.ChunkPlan;
import org.sde4j.montecarlo.MonteCarloJob;
import org.sde4j.montecarlo.Shard;
import org.sde4j.montecarlo.ShardMerger;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs any Monte Carlo job of sde4j — an ensemble, a strong or weak error study — on Spark, one task per range of
 * chunks, with the same bits as {@link MonteCarloJob#run()} in one JVM.
 *
 * <pre>{@code
 * JobSpec<EnsembleResult> spec = () -> Ensemble.of(Problems.gbm().problem(), Schemes.byName("euler-maruyama"))
 *         .steps(64).paths(100_000_000L).seed(42);
 * EnsembleResult r = SparkJob.on(sparkContext, spec).partitions(64).run();
 * }</pre>
 *
 * <p><b>How the bits stay the same.</b> The job's C chunks are cut into {@code n} partitions, partition i covering
 * chunks {@code [⌊iC/n⌋, ⌊(i+1)C/n⌋)}. Task i builds the job from the recipe and runs its chunks
 * ({@link MonteCarloJob#runChunks}); chunk c's randomness depends only on the seed and c, so the task computes the
 * parts one JVM computes, wherever it runs and however often it is retried. The driver hands each finished task's
 * {@link Shard} to the job's {@link ShardMerger}, which folds the chunks in chunk order — the fold of one JVM. A path
 * that diverges travels back inside its shard, so the driver throws the exception one JVM throws (time, step, path),
 * and Spark does not retry a task for it; any other task failure is retried by Spark ({@code spark.task.maxFailures}).
 *
 * <p><b>Memory.</b> The default partition count keeps a shard at most {@link ChunkPlan#defaultChunksPerShard()}
 * chunks: an ensemble's shard holds a few doubles per chunk and saved time (independent of the number of paths), a
 * study's holds every path's row of samples (its bootstrap resamples paths), which the driver keeps as one JVM does;
 * the serialised results of a job must fit Spark's {@code spark.driver.maxResultSize} (default 1 GiB: about 8 million
 * paths of a five-level strong study).
 *
 * @param <R> the job's result
 */
public final class SparkJob<R> {
    private final JavaSparkContext context;
    private final JobSpec<R> spec;
    private Integer partitions;
    private int threadsPerTask = 1;

    private SparkJob(JavaSparkContext context, JobSpec<R> spec) {
        if (context == null) {
            throw new IllegalArgumentException("context = null: must be a running JavaSparkContext");
        }
        JobSpec.checkSerialisable(spec);
        this.context = context;
        this.spec = spec;
    }

    /**
     * A job on the given context.
     *
     * @param context the running context
     * @param spec    the recipe of the job
     * @param <R>     the job's result
     * @return the Spark job
     * @throws IllegalArgumentException when the recipe cannot be serialised for the executors (the message says what
     *                                  to do)
     */
    public static <R> SparkJob<R> on(JavaSparkContext context, JobSpec<R> spec) {
        return new SparkJob<>(context, spec);
    }

    /**
     * A job on the session's context.
     *
     * @param session the running session
     * @param spec    the recipe of the job
     * @param <R>     the job's result
     * @return the Spark job
     */
    public static <R> SparkJob<R> on(SparkSession session, JobSpec<R> spec) {
        if (session == null) {
            throw new IllegalArgumentException("session = null: must be a running SparkSession");
        }
        return new SparkJob<>(JavaSparkContext.fromSparkContext(session.sparkContext()), spec);
    }

    /**
     * The number of Spark partitions (tasks); default {@link #defaultPartitions}. Never changes the result.
     *
     * @param count the number of tasks
     * @return this
     * @throws IllegalArgumentException when {@code count} ≤ 0 (more partitions than chunks is rejected when the job
     *                                  runs, which knows the chunk count)
     */
    public SparkJob<R> partitions(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("partitions = " + count + ": must be positive");
        }
        this.partitions = count;
        return this;
    }

    /**
     * Threads each task uses to run its chunks (default 1: Spark runs one task per core). Never changes the result.
     *
     * @param count the threads per task
     * @return this
     * @throws IllegalArgumentException when {@code count} ≤ 0
     */
    public SparkJob<R> threadsPerTask(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("threadsPerTask = " + count + ": must be positive");
        }
        this.threadsPerTask = count;
        return this;
    }

    /**
     * The partition count used when none is set: {@code min(C, max(defaultParallelism, ⌈C / K⌉))} for {@code C}
     * chunks and at most {@code K = }{@link ChunkPlan#defaultChunksPerShard()} chunks per task: every core busy, and
     * tasks of bounded size.
     *
     * @return the default number of tasks
     */
    public int defaultPartitions() {
        return defaultPartitions(spec.create().plan());
    }

    /**
     * The partition count used when none is set for a run of {@code chunks} chunks of this job's kind.
     *
     * @param chunks the number of chunks
     * @return the default number of tasks
     */
    public int defaultPartitions(long chunks) {
        return defaultPartitions(context, chunks, spec.create().plan().defaultChunksPerShard());
    }

    /**
     * The partition count the job uses.
     *
     * @return the number of tasks
     * @throws IllegalArgumentException when the set count exceeds the number of chunks
     */
    public int resolvedPartitions() {
        return resolve(spec.create().plan());
    }

    /**
     * Runs the job and folds the shards in chunk order; the result has the same bits as {@code spec.create().run()}.
     * Its wall time is that of the Spark job. A task that fails more often than Spark retries it
     * ({@code spark.task.maxFailures}) fails the run with Spark's {@code SparkException}.
     *
     * @return the result
     * @throws IllegalArgumentException when the partition count exceeds the number of chunks
     * @throws RuntimeException         the failure of the lowest failing chunk (a diverged path), as in one JVM
     */
    public R run() {
        ChunkPlan<?, R> plan = spec.create().plan();
        int n = resolve(plan);
        ShardMerger<R> merger = ShardMerger.of(plan);
        List<Integer> indices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            indices.add(i);
        }
        JavaRDD<Integer> tasks = context.parallelize(indices, n);
        ClassTag<Shard> tag = ClassTag$.MODULE$.apply(Shard.class);
        context.sc().runJob(tasks.rdd(), new RunShard<>(spec, plan.chunkCount(), plan.identity(), n, threadsPerTask),
                new Fold(merger), tag);
        return merger.result();
    }

    private static int defaultPartitions(JavaSparkContext context, long chunks, int perShard) {
        long perCore = Math.max(context.defaultParallelism(), (chunks + perShard - 1) / perShard);
        return (int) Math.min(chunks, Math.min(perCore, Integer.MAX_VALUE));
    }

    private int defaultPartitions(ChunkPlan<?, ?> plan) {
        return defaultPartitions(context, plan.chunkCount(), plan.defaultChunksPerShard());
    }

    private int resolve(ChunkPlan<?, ?> plan) {
        if (partitions == null) {
            return defaultPartitions(plan);
        }
        if (partitions > plan.chunkCount()) {
            throw new IllegalArgumentException("partitions = " + partitions + ": at most the number of chunks, "
                    + plan.chunkCount() + " (" + plan.identity() + ")");
        }
        return partitions;
    }

    /** The first chunk of partition {@code i} of {@code n} over {@code chunks} chunks: ⌊i·C/n⌋. */
    static long firstChunk(int i, int n, long chunks) {
        return i * chunks / n; // i < 2^31 and chunks < 2^31: no overflow
    }

    /** The task: builds the job from the recipe and runs this partition's chunks on the executor. */
    private static final class RunShard<R>
            extends AbstractFunction2<TaskContext, scala.collection.Iterator<Integer>, Shard> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final JobSpec<R> spec;
        private final long chunks;
        private final String identity;
        private final int partitions;
        private final int threads;

        RunShard(JobSpec<R> spec, long chunks, String identity, int partitions, int threads) {
            this.spec = spec;
            this.chunks = chunks;
            this.identity = identity;
            this.partitions = partitions;
            this.threads = threads;
        }

        @Override
        public Shard apply(TaskContext task, scala.collection.Iterator<Integer> ignored) {
            MonteCarloJob<R> job = spec.create().threads(threads);
            ChunkPlan<?, R> plan = job.plan();
            if (plan.chunkCount() != chunks || !plan.identity().equals(identity)) {
                throw new IllegalStateException("the JobSpec built " + plan.chunkCount() + " chunks of " + plan.identity()
                        + " on the executor and " + chunks + " chunks of " + identity + " on the driver: it must build"
                        + " the same job every time");
            }
            int i = task.partitionId();
            return job.runChunks(firstChunk(i, partitions, chunks), firstChunk(i + 1, partitions, chunks));
        }
    }

    /** The driver's side: each finished task's shard goes to the merger (Spark calls this one at a time). */
    private static final class Fold extends AbstractFunction2<Object, Shard, BoxedUnit> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient ShardMerger<?> merger;

        Fold(ShardMerger<?> merger) {
            this.merger = merger;
        }

        @Override
        public BoxedUnit apply(Object partition, Shard shard) {
            synchronized (this) {
                merger.add(shard);
            }
            return BoxedUnit.UNIT;
        }
    }
}
