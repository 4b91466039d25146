package org.sde4j.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
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
        int workers = Math.min(threads, blocks);
        if (workers == 1) {
            loop.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
                Thread t = new Thread(r, "sde4j-paths");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < workers; w++) {
                    futures.add(pool.submit(loop));
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
                pool.shutdownNow();
            }
        }
        for (RuntimeException failure : failures) {
            if (failure != null) {
                throw failure;
            }
        }
        return out;
    }
}
