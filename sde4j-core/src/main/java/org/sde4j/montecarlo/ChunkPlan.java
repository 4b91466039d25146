package org.sde4j.montecarlo;

import java.io.Serializable;

/**
 * A Monte Carlo computation cut into a fixed number C of chunks: what one chunk computes, and how the chunks'
 * parts fold, in chunk order, into the result. Ensembles, strong and weak error studies and the bootstrap of an
 * order's interval are plans; {@link ChunkRunner} runs any of them on threads, as a whole or as a range of chunks
 * ({@link Shard}), and a {@link ShardMerger} folds shards from other threads, processes or machines.
 *
 * <p><b>The contract that makes the bits independent of threads and machines.</b> Chunk c's part depends only on
 * the plan and c (every random number of chunk c comes from a stream keyed by the root seed and c, or by the seed
 * and the paths of chunk c), never on which worker computed it or what that worker computed before. The fold
 * receives the parts in chunk order {@code 0, 1, …, C − 1}, whoever computed them. A plan is immutable: a snapshot
 * of the settings of the job that made it, safe to use from several threads.
 *
 * @param <P> what one chunk computes; serialisable, so that a shard can travel
 * @param <R> the result
 */
public interface ChunkPlan<P extends Serializable, R> {
    /**
     * The number C of chunks, at least 1.
     *
     * @return C
     */
    long chunkCount();

    /**
     * What two shards must agree on to be chunks of one run: the plan's kind and every setting that changes a
     * chunk's part (for example "ensemble: 1000 paths in chunks of 256, seed 42, saved at [1.0], d = 2"). Used in
     * the messages that refuse a shard of another run.
     *
     * @return a one-line description
     */
    String identity();

    /**
     * Chunks a worker takes at a time from the shared counter (default 1). Never changes the result.
     *
     * @return a positive number
     */
    default int chunksPerBlock() {
        return 1;
    }

    /**
     * The most chunks a shard holds when a distributed runner chooses the split (default 4096), so that a shard stays
     * small enough to travel: a plan whose parts are large (per-path rows) says fewer.
     *
     * @return a positive number
     */
    default int defaultChunksPerShard() {
        return 4096;
    }

    /**
     * A worker for one thread, created once per thread and run: it owns that thread's scratch memory, which is
     * released with it when the run ends.
     *
     * @return a new worker
     */
    Worker<P> newWorker();

    /**
     * A fresh fold for one run or one merge.
     *
     * @return a new fold, empty
     */
    Fold<P, R> newFold();

    /** Computes chunks, one at a time, on one thread. */
    @FunctionalInterface
    interface Worker<P> {
        /**
         * Computes chunk {@code chunk}.
         *
         * @param chunk the chunk, in {@code [0, C)}
         * @return its part
         * @throws RuntimeException a path that diverged, a step that failed, a value that is not finite: the run
         *                          stops with the exception of the lowest failing chunk
         */
        P compute(long chunk);

        /**
         * Computes chunks {@code from … to − 1} of one block (consecutive, at most {@link #chunksPerBlock()} of
         * them) and hands each part, or its failure, to {@code parts} in chunk order. The runner calls this, not
         * {@link #compute}; the default computes the chunks one by one. A worker that computes several chunks faster
         * together (a block-adaptive ensemble keeps its lanes busy across them) overrides it; each part must still
         * depend on its chunk alone.
         *
         * @param from  the block's first chunk
         * @param to    one past its last chunk
         * @param parts receives every chunk of the block, in order, once
         */
        default void computeBlock(long from, long to, Parts<P> parts) {
            for (long c = from; c < to; c++) {
                P part = null;
                RuntimeException failure = null;
                try {
                    part = compute(c);
                } catch (RuntimeException e) {
                    failure = e;
                }
                parts.accept(c, part, failure);
            }
        }
    }

    /** Receives a block's parts from {@link Worker#computeBlock}, in chunk order. */
    @FunctionalInterface
    interface Parts<P> {
        /**
         * Takes chunk {@code chunk}'s part, or its failure.
         *
         * @param chunk   the chunk
         * @param part    its part, or null when it failed
         * @param failure why it failed ({@link Worker#compute}'s exception), or null
         */
        void accept(long chunk, P part, RuntimeException failure);
    }

    /** Folds parts handed over in chunk order (one at a time, never concurrently) into the result. */
    interface Fold<P, R> {
        /**
         * Takes chunk {@code chunk}'s part; chunks arrive in increasing order without gaps.
         *
         * @param chunk the chunk
         * @param part  its part
         */
        void add(long chunk, P part);

        /**
         * The result, after every chunk was added; called once.
         *
         * @param seconds the wall time of the run, to report
         * @return the result
         */
        R result(double seconds);
    }
}
