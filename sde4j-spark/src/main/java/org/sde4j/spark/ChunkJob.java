package org.sde4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * What {@link SparkEnsemble} and {@link SparkConvergence} share: a run of {@code C} chunks cut into {@code n}
 * Spark partitions, partition i covering chunks {@code [⌊iC/n⌋, ⌊(i+1)C/n⌋)}; one task per partition computes its
 * shard on an executor, and the driver hands each finished task's shard to the merger, one at a time, in whatever
 * order the tasks finish (the mergers put them in chunk order).
 *
 * @param <J> the concrete job, so setters chain
 */
abstract class ChunkJob<J extends ChunkJob<J>> {
    /** What a task runs on the executor: chunks {@code [from, to)} with {@code threads} threads, as a shard. */
    @FunctionalInterface
    interface ShardRunner<S> extends Serializable {
        /**
         * Runs chunks {@code [from, to)}.
         *
         * @param from    the first chunk
         * @param to      one past the last chunk
         * @param threads threads the task may use
         * @return the shard to send to the driver
         */
        S run(long from, long to, int threads);
    }

    private final JavaSparkContext context;
    private final int defaultChunksPerPartition;
    private final String chunksOf;
    private Integer partitions;
    private int threadsPerTask = 1;

    /**
     * @param context                    the running context
     * @param defaultChunksPerPartition  the most chunks the default partition count puts in one task
     * @param chunksOf                   what a chunk is, for messages ("the ensemble's paths in chunks of 256")
     */
    ChunkJob(JavaSparkContext context, int defaultChunksPerPartition, String chunksOf) {
        if (context == null) {
            throw new IllegalArgumentException("context = null: must be a running JavaSparkContext");
        }
        this.context = context;
        this.defaultChunksPerPartition = defaultChunksPerPartition;
        this.chunksOf = chunksOf;
    }

    /** This job, typed for chaining. */
    @SuppressWarnings("unchecked")
    private J self() {
        return (J) this;
    }

    /** The number of chunks of the recipe's run (built on the driver). */
    abstract long chunkCount();

    /**
     * The number of Spark partitions (tasks); default {@link #defaultPartitions}. Never changes the result.
     *
     * @param count the number of tasks
     * @return this
     * @throws IllegalArgumentException when {@code count} ≤ 0 (more partitions than chunks is rejected when the
     *                                  job runs, which knows the chunk count)
     */
    public J partitions(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("partitions = " + count + ": must be positive");
        }
        this.partitions = count;
        return self();
    }

    /**
     * Threads each task uses to run its chunks (default 1: Spark runs one task per core). Never changes the result.
     *
     * @param count the threads per task
     * @return this
     * @throws IllegalArgumentException when {@code count} ≤ 0
     */
    public J threadsPerTask(int count) {
        if (count <= 0) {
            throw new IllegalArgumentException("threadsPerTask = " + count + ": must be positive");
        }
        this.threadsPerTask = count;
        return self();
    }

    /**
     * The partition count used when none is set: {@code min(C, max(defaultParallelism, ⌈C / K⌉))} for {@code C}
     * chunks and at most {@code K} chunks per task (the class's {@code DEFAULT_CHUNKS_PER_PARTITION}): every core
     * busy, and tasks of bounded size.
     *
     * @param chunks the number of chunks
     * @return the default number of tasks
     */
    public int defaultPartitions(long chunks) {
        long perCore = Math.max(context.defaultParallelism(),
                (chunks + defaultChunksPerPartition - 1) / defaultChunksPerPartition);
        return (int) Math.min(chunks, Math.min(perCore, Integer.MAX_VALUE));
    }

    /**
     * The partition count the job uses for this recipe.
     *
     * @return the number of tasks
     * @throws IllegalArgumentException when the set count exceeds the number of chunks
     */
    public int resolvedPartitions() {
        return resolve(chunkCount());
    }

    private int resolve(long chunks) {
        if (partitions == null) {
            return defaultPartitions(chunks);
        }
        if (partitions > chunks) {
            throw new IllegalArgumentException("partitions = " + partitions + ": at most the number of chunks, "
                    + chunks + " (" + chunksOf + ")");
        }
        return partitions;
    }

    /** The first chunk of partition {@code i} of {@code n} over {@code chunks} chunks: ⌊i·C/n⌋. */
    static long firstChunk(int i, int n, long chunks) {
        return i * chunks / n; // i < 2^31 and chunks < 2^31: no overflow
    }

    /**
     * Runs one Spark job over {@code chunks} chunks; blocks until every task's shard has gone to {@code merger}.
     *
     * @param runner what each task computes (serialised to the executors)
     * @param type   the shard's class
     * @param merger receives the shards on the driver, one at a time
     */
    <S> void runJob(long chunks, ShardRunner<S> runner, Class<S> type, Consumer<S> merger) {
        int n = resolve(chunks);
        List<Integer> indices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            indices.add(i);
        }
        JavaRDD<Integer> tasks = context.parallelize(indices, n);
        ClassTag<S> tag = ClassTag$.MODULE$.apply(type);
        context.sc().runJob(tasks.rdd(), new RunShard<>(runner, chunks, n, threadsPerTask), new Fold<>(merger), tag);
    }

    /** The task: runs this partition's chunks on the executor. */
    private static final class RunShard<S>
            extends AbstractFunction2<TaskContext, scala.collection.Iterator<Integer>, S> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final ShardRunner<S> runner;
        private final long chunks;
        private final int partitions;
        private final int threads;

        RunShard(ShardRunner<S> runner, long chunks, int partitions, int threads) {
            this.runner = runner;
            this.chunks = chunks;
            this.partitions = partitions;
            this.threads = threads;
        }

        @Override
        public S apply(TaskContext task, scala.collection.Iterator<Integer> ignored) {
            int i = task.partitionId();
            return runner.run(firstChunk(i, partitions, chunks), firstChunk(i + 1, partitions, chunks), threads);
        }
    }

    /** The driver's side: each finished task's shard goes to the merger (Spark calls this one at a time). */
    private static final class Fold<S> extends AbstractFunction2<Object, S, BoxedUnit> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final transient Consumer<S> merger;

        Fold(Consumer<S> merger) {
            this.merger = merger;
        }

        @Override
        public BoxedUnit apply(Object partition, S shard) {
            synchronized (this) {
                merger.accept(shard);
            }
            return BoxedUnit.UNIT;
        }
    }
}
