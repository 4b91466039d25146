package org.sde4j.montecarlo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.sde4j.sde.Require;

/**
 * The threads of {@link ChunkRunner}: workers over a range of chunks, parts handed over in chunk order through a
 * bounded window. When chunks fail, every chunk before the lowest failing one is handed over, then its exception
 * is rethrown and the rest of the work is abandoned.
 */
final class ChunkThreads {
    private ChunkThreads() {
    }

    /** Receives a part in chunk order. */
    @FunctionalInterface
    interface InOrder<P> {
        void accept(long chunk, P part);
    }

    static <P> void runOrdered(long firstChunk, long endChunk, int chunksPerBlock, int threads,
            Supplier<ChunkPlan.Worker<P>> workers, InOrder<P> inOrder, Executor executor) {
        Require.positive("chunksPerBlock", chunksPerBlock);
        Require.positive("threads", threads);
        long chunks = endChunk - firstChunk;
        Require.positive("chunks", chunks);
        long blocks = (chunks + chunksPerBlock - 1) / chunksPerBlock;
        int count = (int) Math.min(threads, blocks);
        Window<P> window = new Window<>(Math.max(16, 4 * count * chunksPerBlock), firstChunk, inOrder);
        AtomicLong nextBlock = new AtomicLong();
        Runnable loop = () -> {
            ChunkPlan.Worker<P> worker = workers.get();
            for (long b = nextBlock.getAndIncrement(); b < blocks && !window.stopped(); b = nextBlock.getAndIncrement()) {
                long start = firstChunk + b * chunksPerBlock;
                long end = Math.min(endChunk, start + chunksPerBlock);
                // The whole block fits in the window (it holds 4 × workers × chunksPerBlock chunks).
                if (!window.awaitRoom(end - 1)) {
                    return;
                }
                long[] offered = {start};
                try {
                    worker.computeBlock(start, end, (c, part, failure) -> {
                        if (c != offered[0]) {
                            throw new IllegalStateException("chunk " + c + " handed over out of order: expected "
                                    + offered[0]);
                        }
                        offered[0]++;
                        window.offer(c, part, failure);
                    });
                } catch (RuntimeException e) {
                    // A block computed at once fails as a whole: the failure is its first chunk not handed over.
                    if (offered[0] == end) {
                        throw e;
                    }
                    window.offer(offered[0], null, e);
                }
            }
        };
        runWorkers(count, loop, executor);
        window.rethrow();
    }

    /**
     * Runs {@code workers} copies of {@code loop} and waits for them: in the calling thread when there is one,
     * else on {@code executor}, or on a fixed pool of daemon threads made for this call and shut down when it
     * returns.
     */
    private static void runWorkers(int workers, Runnable loop, Executor executor) {
        if (workers == 1) {
            loop.run();
            return;
        }
        ExecutorService own = executor != null ? null : Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "sde4j-chunks");
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
            throw new IllegalStateException("interrupted while running chunks", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a chunk worker failed unexpectedly", e.getCause());
        } finally {
            if (own != null) {
                own.shutdownNow();
            }
        }
    }

    /** Parts waiting for their predecessors, handed over in order; a bounded ring. */
    private static final class Window<P> {
        private final Object[] parts;
        private final RuntimeException[] failures;
        private final boolean[] present;
        private final InOrder<P> inOrder;
        private long next;
        private RuntimeException failure;
        private volatile boolean stopped;

        Window(int size, long firstChunk, InOrder<P> inOrder) {
            this.parts = new Object[size];
            this.failures = new RuntimeException[size];
            this.present = new boolean[size];
            this.next = firstChunk;
            this.inOrder = inOrder;
        }

        boolean stopped() {
            return stopped;
        }

        /** Waits until chunk c fits in the window; false when the run has stopped. */
        synchronized boolean awaitRoom(long c) {
            while (!stopped && c >= next + parts.length) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while running chunks", e);
                }
            }
            return !stopped;
        }

        @SuppressWarnings("unchecked")
        synchronized void offer(long c, P part, RuntimeException chunkFailure) {
            if (stopped) {
                return;
            }
            int slot = (int) (c % parts.length);
            parts[slot] = part;
            failures[slot] = chunkFailure;
            present[slot] = true;
            try {
                while (!stopped && present[(int) (next % parts.length)]) {
                    int k = (int) (next % parts.length);
                    P p = (P) parts[k];
                    RuntimeException f = failures[k];
                    parts[k] = null;
                    failures[k] = null;
                    present[k] = false;
                    if (f != null) {
                        failure = f;
                        stopped = true;
                    } else {
                        inOrder.accept(next, p);
                    }
                    next++;
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
