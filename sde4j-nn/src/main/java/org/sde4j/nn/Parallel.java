package org.sde4j.nn;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs independent chunks of work on a pool of threads. Callers split their work into chunks that depend
 * only on the problem size (see {@link #chunks(int)}) and combine per-chunk partial results in chunk order,
 * so results are bit-identical whatever the number of threads.
 *
 * <p>The pool is shared by all layers; {@link #setThreads(int)} chooses its size (default: the number of
 * available processors).
 */
public final class Parallel {
    /** The most chunks a batch is split into; a constant, so results never depend on the thread count. */
    public static final int MAX_CHUNKS = 16;

    private static volatile ForkJoinPool pool = new ForkJoinPool(Runtime.getRuntime().availableProcessors());

    private Parallel() {
    }

    /** Uses {@code threads} threads from now on (at least 1). */
    public static synchronized void setThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be at least 1");
        }
        if (pool.getParallelism() != threads) {
            ForkJoinPool old = pool;
            pool = new ForkJoinPool(threads);
            old.shutdown();
        }
    }

    /** The number of threads in use. */
    public static int threads() {
        return pool.getParallelism();
    }

    /** The number of chunks for {@code n} items: {@code min(n, MAX_CHUNKS)}. */
    public static int chunks(int n) {
        return Math.max(1, Math.min(n, MAX_CHUNKS));
    }

    /** The first item of chunk {@code c} of {@code chunks} over {@code n} items (chunk c is [start(c), start(c+1))). */
    public static int start(int c, int chunks, int n) {
        return (int) ((long) c * n / chunks);
    }

    /** Runs {@code body.accept(i)} for {@code i = 0 .. count-1}, in parallel; returns when all are done. */
    public static void run(int count, IntConsumer body) {
        if (count == 1 || pool.getParallelism() == 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        pool.submit(() -> IntStream.range(0, count).parallel().forEach(body)).join();
    }

    /**
     * Splits items {@code [0, n)} into {@link #chunks(int)} contiguous chunks and runs
     * {@code body.range(chunk, from, to)} for each, in parallel.
     */
    public static void forChunks(int n, ChunkBody body) {
        int chunks = chunks(n);
        run(chunks, c -> body.range(c, start(c, chunks, n), start(c + 1, chunks, n)));
    }

    /**
     * Splits items {@code [0, n)} into chunks of {@code size} items (the last one may be shorter; at most
     * {@link #MAX_CHUNKS} chunks, so {@code size ≥ ⌈n / MAX_CHUNKS⌉}) and runs them in parallel.
     */
    public static void forBlocks(int n, int size, ChunkBody body) {
        int chunks = (n + size - 1) / size;
        if (chunks > MAX_CHUNKS) {
            throw new IllegalArgumentException("size = " + size + ": makes " + chunks + " chunks of " + n
                    + " items, more than " + MAX_CHUNKS);
        }
        run(chunks, c -> body.range(c, c * size, Math.min(n, (c + 1) * size)));
    }

    /** A chunk of work over items {@code [from, to)}. */
    @FunctionalInterface
    public interface ChunkBody {
        /** Processes chunk {@code chunk}: items {@code [from, to)}. */
        void range(int chunk, int from, int to);
    }
}
