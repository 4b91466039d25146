package org.sde4j.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.sde4j.sde.Require;

/**
 * Runs work over paths {@code 0..P−1} in parallel, deterministically. The paths are cut into chunks of
 * {@code chunkSize} consecutive paths; each chunk is processed by one thread in path order and yields
 * one result; the results come back indexed by chunk. Which thread ran a chunk, and when, cannot change
 * any result, so a caller that merges the results in chunk order gets the same bits for any thread count.
 *
 * <p>Threads take blocks of {@code chunksPerBlock} chunks at a time from a shared counter (dynamic load
 * balance). Each thread creates its own worker state once ({@code workerFactory}), so per-thread
 * workspace is allocated once per run, not per chunk. When chunks fail, the failure of the
 * lowest-numbered chunk is rethrown, so even errors are reproducible.
 *
 * <p><b>Threads.</b> One executor story for the library: a caller may pass an {@link Executor} (its own pool,
 * shared across runs); without one, a call with more than one worker makes a fixed pool of
 * {@code min(threads, blocks)} daemon threads and shuts it down before returning — bounded by {@code threads},
 * never kept between calls, no static pool. One worker runs in the calling thread.
 */
public final class ParallelPaths {
    private ParallelPaths() {
    }

    /** The work of one thread: processes the chunk of paths {@code [firstPath, firstPath + count)}. */
    @FunctionalInterface
    public interface ChunkWorker<R> {
        /**
         * @param chunk     the chunk index
         * @param firstPath the first path index of the chunk
         * @param count     the number of paths in the chunk
         * @return the chunk's result
         */
        R process(int chunk, long firstPath, int count);
    }

    /**
     * @param paths          P, the number of paths
     * @param chunkSize      paths per chunk (the unit of reproducible reduction)
     * @param chunksPerBlock chunks a thread takes at a time
     * @param threads        number of threads (1 runs in the calling thread)
     * @param workerFactory  creates one worker per thread
     * @param results        creates the result array of a given length
     * @return one result per chunk, in chunk order
     */
    public static <R> R[] run(long paths, int chunkSize, int chunksPerBlock, int threads,
            java.util.function.Supplier<ChunkWorker<R>> workerFactory, IntFunction<R[]> results) {
        return run(paths, chunkSize, chunksPerBlock, threads, workerFactory, results, null);
    }

    /**
     * {@link #run(long, int, int, int, java.util.function.Supplier, IntFunction)} on the caller's executor.
     *
     * @param executor runs the {@code threads} workers; it must be able to run them all at once (a pool of at
     *                 least {@code threads} threads), or null for a pool of this call's own (see the class
     *                 description)
     * @param <R>      the result type
     * @return one result per chunk, in chunk order
     */
    public static <R> R[] run(long paths, int chunkSize, int chunksPerBlock, int threads,
            java.util.function.Supplier<ChunkWorker<R>> workerFactory, IntFunction<R[]> results, Executor executor) {
        Require.positive("paths", paths);
        Require.positive("chunkSize", chunkSize);
        Require.positive("chunksPerBlock", chunksPerBlock);
        Require.positive("threads", threads);
        long chunkCount = (paths + chunkSize - 1) / chunkSize;
        if (chunkCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("paths = " + paths + ": at most " + (long) (Integer.MAX_VALUE - 8) * chunkSize
                    + " paths per run");
        }
        int chunks = (int) chunkCount;
        R[] out = results.apply(chunks);
        RuntimeException[] failures = new RuntimeException[chunks];
        AtomicInteger nextBlock = new AtomicInteger();
        int blocks = (chunks + chunksPerBlock - 1) / chunksPerBlock;
        Runnable loop = () -> {
            ChunkWorker<R> worker = workerFactory.get();
            for (int b = nextBlock.getAndIncrement(); b < blocks; b = nextBlock.getAndIncrement()) {
                int end = Math.min(chunks, (b + 1) * chunksPerBlock);
                for (int c = b * chunksPerBlock; c < end; c++) {
                    long first = (long) c * chunkSize;
                    int count = (int) Math.min(chunkSize, paths - first);
                    try {
                        out[c] = worker.process(c, first, count);
                    } catch (RuntimeException e) {
                        failures[c] = e;
                        return;
                    }
                }
            }
        };
        runWorkers(Math.min(threads, blocks), loop, executor);
        for (RuntimeException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return out;
    }

    /**
     * Like {@link #run}, but hands each chunk's result to {@code inOrder} in chunk order as soon as every
     * earlier chunk's result has been handed over, instead of keeping them all: memory stays
     * O(threads × chunksPerBlock) results whatever the number of paths. A thread that finishes a chunk far
     * ahead of the oldest unfinished one waits (a window of {@code 4 × threads × chunksPerBlock} chunks), so
     * the pending results stay bounded. {@code inOrder} runs under a lock, one chunk at a time, in chunk
     * order: merging there gives the same bits for any thread count. When chunks fail, the failure of the
     * lowest-numbered failing chunk is rethrown (after every earlier chunk has been handed over); later
     * work is abandoned.
     *
     * @param inOrder receives the results in chunk order (from worker threads, one at a time)
     */
    public static <R> void runOrdered(long paths, int chunkSize, int chunksPerBlock, int threads,
            java.util.function.Supplier<ChunkWorker<R>> workerFactory, java.util.function.Consumer<R> inOrder) {
        runOrdered(paths, chunkSize, chunksPerBlock, threads, workerFactory, inOrder, null);
    }

    /**
     * {@link #runOrdered(long, int, int, int, java.util.function.Supplier, java.util.function.Consumer)} on the
     * caller's executor.
     *
     * @param executor runs the workers; it must be able to run {@code threads} tasks at once (the workers
     *                 wait for each other's chunks), or null for a pool of this call's own
     * @param <R>      the result type
     */
    public static <R> void runOrdered(long paths, int chunkSize, int chunksPerBlock, int threads,
            java.util.function.Supplier<ChunkWorker<R>> workerFactory, java.util.function.Consumer<R> inOrder,
            Executor executor) {
        Require.positive("paths", paths);
        Require.positive("chunkSize", chunkSize);
        Require.positive("chunksPerBlock", chunksPerBlock);
        Require.positive("threads", threads);
        long chunkCount = (paths + chunkSize - 1) / chunkSize;
        if (chunkCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("paths = " + paths + ": at most " + (long) (Integer.MAX_VALUE - 8) * chunkSize
                    + " paths per run");
        }
        long blocks = (chunkCount + chunksPerBlock - 1) / chunksPerBlock;
        int workers = (int) Math.min(threads, blocks);
        OrderedWindow<R> window = new OrderedWindow<>(Math.max(16, 4 * workers * chunksPerBlock), inOrder);
        java.util.concurrent.atomic.AtomicLong nextBlock = new java.util.concurrent.atomic.AtomicLong();
        Runnable loop = () -> {
            ChunkWorker<R> worker = workerFactory.get();
            for (long b = nextBlock.getAndIncrement(); b < blocks && !window.stopped(); b = nextBlock.getAndIncrement()) {
                long end = Math.min(chunkCount, (b + 1) * chunksPerBlock);
                for (long c = b * chunksPerBlock; c < end; c++) {
                    if (!window.awaitRoom(c)) {
                        return;
                    }
                    long first = c * chunkSize;
                    int count = (int) Math.min(chunkSize, paths - first);
                    R result = null;
                    RuntimeException failure = null;
                    try {
                        result = worker.process((int) c, first, count);
                    } catch (RuntimeException e) {
                        failure = e;
                    }
                    window.offer(c, result, failure);
                }
            }
        };
        runWorkers(workers, loop, executor);
        window.rethrow();
    }

    /**
     * Runs {@code workers} copies of {@code loop} and waits for them: in the calling thread when there is one,
     * else on {@code executor}, or on a fixed pool of {@code workers} daemon threads made for this call and shut
     * down when it returns.
     */
    private static void runWorkers(int workers, Runnable loop, Executor executor) {
        if (workers == 1) {
            loop.run();
            return;
        }
        ExecutorService own = executor != null ? null : Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "sde4j-paths");
            t.setDaemon(true);
            return t;
        });
        Executor runner = executor != null ? executor : own;
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(CompletableFuture.runAsync(loop, runner));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while solving paths", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a path worker failed unexpectedly", e.getCause());
        } finally {
            if (own != null) {
                own.shutdownNow();
            }
        }
    }

    /** Results waiting for their predecessors, handed over in order; a bounded ring. */
    private static final class OrderedWindow<R> {
        private final Object[] results;
        private final RuntimeException[] failures;
        private final boolean[] present;
        private final java.util.function.Consumer<R> inOrder;
        private long next;
        private RuntimeException failure;
        private volatile boolean stopped;

        OrderedWindow(int size, java.util.function.Consumer<R> inOrder) {
            this.results = new Object[size];
            this.failures = new RuntimeException[size];
            this.present = new boolean[size];
            this.inOrder = inOrder;
        }

        boolean stopped() {
            return stopped;
        }

        /** Waits until chunk c fits in the window; false when the run has stopped. */
        synchronized boolean awaitRoom(long c) {
            while (!stopped && c >= next + results.length) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while solving paths", e);
                }
            }
            return !stopped;
        }

        @SuppressWarnings("unchecked")
        synchronized void offer(long c, R result, RuntimeException chunkFailure) {
            if (stopped) {
                return;
            }
            int slot = (int) (c % results.length);
            results[slot] = result;
            failures[slot] = chunkFailure;
            present[slot] = true;
            try {
                while (!stopped && present[(int) (next % results.length)]) {
                    int k = (int) (next % results.length);
                    R r = (R) results[k];
                    RuntimeException f = failures[k];
                    results[k] = null;
                    failures[k] = null;
                    present[k] = false;
                    next++;
                    if (f != null) {
                        failure = f;
                        stopped = true;
                    } else {
                        inOrder.accept(r);
                    }
                }
            } catch (RuntimeException e) {
                failure = e;
                stopped = true;
            } finally {
                notifyAll();
            }
        }

        synchronized void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
