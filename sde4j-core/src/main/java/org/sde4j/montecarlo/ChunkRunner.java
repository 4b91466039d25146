package org.sde4j.montecarlo;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.concurrent.Executor;
import org.sde4j.sde.Require;

/**
 * Runs a {@link ChunkPlan} on threads: every chunk, folded in chunk order into the result ({@link #run}), or a range
 * of chunks kept chunk by chunk in a serialisable {@link Shard} ({@link #runShard}) for a {@link ShardMerger}. The
 * one runner under every Monte Carlo computation of the library, and under its Spark job.
 *
 * <p><b>Threads.</b> Workers take blocks of {@link ChunkPlan#chunksPerBlock()} chunks from a shared counter
 * (dynamic load balance) and compute each block in one call ({@link ChunkPlan.Worker#computeBlock}, chunk by chunk
 * unless the worker does better); each worker is created once per thread and run ({@link ChunkPlan#newWorker()}). Parts
 * are handed to the fold in chunk order, under a lock, as soon as every earlier chunk's part has been handed over;
 * a worker far ahead of the oldest unfinished chunk waits (a window of {@code 4 × threads × chunksPerBlock} chunks),
 * so memory stays O(threads × block) whatever the number of chunks. Which thread computed a chunk, and when, cannot
 * change a bit of the result.
 *
 * <p><b>Executors.</b> A caller may pass an {@link Executor} (its own pool, shared across runs) that can run
 * {@code threads} tasks at once; with null, a run with more than one worker makes a fixed pool of at most
 * {@code threads} daemon threads and shuts it down before returning. One worker runs in the calling thread.
 * Nothing is kept between runs: no static pool, no thread that outlives its run.
 */
public final class ChunkRunner {
    private ChunkRunner() {
    }

    /**
     * Runs every chunk of {@code plan} and folds the parts in chunk order.
     *
     * @param plan     the plan
     * @param threads  the number of threads (1 runs in the calling thread); never changes the result
     * @param executor the pool to run on, or null for one of this run's own
     * @param <P>      the part
     * @param <R>      the result
     * @return the result
     * @throws RuntimeException the failure of the lowest failing chunk, after every earlier chunk was folded
     */
    public static <P extends Serializable, R> R run(ChunkPlan<P, R> plan, int threads, Executor executor) {
        Require.nonNull("plan", plan);
        long start = System.nanoTime();
        ChunkPlan.Fold<P, R> fold = plan.newFold();
        ChunkThreads.runOrdered(0, plan.chunkCount(), plan.chunksPerBlock(), threads, plan::newWorker, fold::add,
                executor);
        return fold.result((System.nanoTime() - start) * 1e-9);
    }

    /**
     * Runs chunks {@code [fromChunk, toChunk)} of {@code plan} and keeps their parts chunk by chunk. A chunk that
     * fails does not throw here: the shard carries the exception of the range's lowest failing chunk, and the merger
     * throws it in its turn.
     *
     * @param plan      the plan
     * @param fromChunk the first chunk
     * @param toChunk   one past the last chunk
     * @param threads   the number of threads; never changes the result
     * @param executor  the pool to run on, or null
     * @param <P>       the part
     * @return the shard
     * @throws IllegalArgumentException when the range is empty or outside {@code [0, C)}
     */
    public static <P extends Serializable> Shard runShard(ChunkPlan<P, ?> plan, long fromChunk, long toChunk,
            int threads, Executor executor) {
        Require.nonNull("plan", plan);
        long chunks = plan.chunkCount();
        if (fromChunk < 0 || toChunk > chunks || fromChunk >= toChunk) {
            throw new IllegalArgumentException("chunks [" + fromChunk + ", " + toChunk + "): must be a non-empty range"
                    + " within [0, " + chunks + ") (" + plan.identity() + ")");
        }
        if (toChunk - fromChunk > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("chunks [" + fromChunk + ", " + toChunk + "): at most "
                    + (Integer.MAX_VALUE - 8) + " chunks per shard");
        }
        long start = System.nanoTime();
        ArrayList<Serializable> parts = new ArrayList<>((int) (toChunk - fromChunk));
        try {
            ChunkThreads.runOrdered(fromChunk, toChunk, plan.chunksPerBlock(), threads, plan::newWorker,
                    (chunk, part) -> parts.add(part), executor);
        } catch (RuntimeException e) {
            return Shard.failed(plan.identity(), fromChunk, toChunk, chunks, e, (System.nanoTime() - start) * 1e-9);
        }
        return Shard.of(plan.identity(), fromChunk, toChunk, chunks, parts, (System.nanoTime() - start) * 1e-9);
    }
}
