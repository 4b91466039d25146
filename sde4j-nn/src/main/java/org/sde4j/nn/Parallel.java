package org.sde4j.nn;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The threads that the layer kernels of one computation use: a thread count and the pool (or the caller's
 * executor) that runs them. Kernels split their work into chunks that depend only on the problem size (see
 * {@link #chunks(int)}) and combine per-chunk partial results in chunk order, so results are bit-identical
 * whatever the number of threads.
 *
 * <p><b>Who owns it.</b> There is no static pool. A {@code Parallel} belongs to whoever made it — a
 * {@link org.sde4j.nn.train.Trainer} makes one per run, a command one per invocation — and is closed by its owner.
 * The owner runs a computation {@linkplain #call(Supplier) inside} it; layer kernels find it with
 * {@link #current()}, which reads the innermost {@code Parallel} entered by the calling thread. Two computations in
 * two threads, each inside its own {@code Parallel}, never share or resize each other's threads.
 *
 * <p><b>Default.</b> Outside any {@code Parallel}, {@link #current()} is {@link #sequential()}: kernels run in the
 * calling thread and no thread is ever started behind the caller's back. {@link #of(int)} starts, on first use,
 * {@code threads − 1} daemon helper threads that run a kernel's chunks together with the calling thread and spin
 * briefly between kernels, so that the next one starts without a wake-up ({@link Crew}); {@link #close()} stops
 * them. {@link #on(Executor, int)} uses the caller's executor instead, for up to
 * {@code threads − 1} helper tasks beside the calling thread, and never blocks on it (a busy executor only means
 * the calling thread does more of the chunks itself). {@link #defaultThreads()}, the count a
 * trainer uses when told nothing, is the number of processors but at most {@link #MAX_CHUNKS}.
 *
 * <p>A kernel's chunks run on the helper threads with no {@code Parallel} entered, so work nested inside a chunk
 * runs sequentially.
 */
public final class Parallel implements AutoCloseable {
    /** The most chunks a batch is split into; a constant, so results never depend on the thread count. */
    public static final int MAX_CHUNKS = 16;

    private static final Parallel SEQUENTIAL = new Parallel(1, null, false);
    private static final ThreadLocal<Parallel> CURRENT = new ThreadLocal<>();

    private final int threads;
    private final boolean ownsHelpers;
    private final Executor executor;
    /** The helper threads of {@link #of(int)}, started on first use. */
    private Crew crew;
    private volatile boolean closed;

    private Parallel(int threads, Executor executor, boolean ownsHelpers) {
        this.threads = threads;
        this.executor = executor;
        this.ownsHelpers = ownsHelpers;
    }

    /** One thread, the caller's: what kernels use outside any {@code Parallel}. Closing it does nothing. */
    public static Parallel sequential() {
        return SEQUENTIAL;
    }

    /**
     * {@code threads} threads: the calling thread and {@code threads − 1} daemon helpers, started on first use and
     * stopped by {@link #close()}, that take a kernel's chunks together. Only one thread at a time gets the helpers;
     * a kernel called from a second thread while they are busy runs its chunks in that thread.
     *
     * @param threads at least 1 (1 starts no thread: the calling thread runs everything)
     * @throws IllegalArgumentException when {@code threads < 1}
     */
    public static Parallel of(int threads) {
        checkThreads(threads);
        return threads == 1 ? new Parallel(1, null, false) : new Parallel(threads, null, true);
    }

    /**
     * Up to {@code threads} threads: the calling thread and up to {@code threads − 1} tasks on the caller's
     * executor (for example one pool shared by many trainers). The kernels never wait for a task to start, so any
     * executor will do, even a saturated one. {@link #close()} does not shut the executor down.
     *
     * @param executor runs the helper tasks
     * @param threads  at least 1
     * @throws IllegalArgumentException when {@code threads < 1}
     * @throws NullPointerException     when {@code executor} is null
     */
    public static Parallel on(Executor executor, int threads) {
        checkThreads(threads);
        if (executor == null) {
            throw new NullPointerException("executor = null: pass an executor, or use Parallel.of(threads)");
        }
        return new Parallel(threads, executor, false);
    }

    /** The thread count a trainer uses when given none: the available processors, at most {@link #MAX_CHUNKS}. */
    public static int defaultThreads() {
        return Math.min(MAX_CHUNKS, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The {@code Parallel} the calling thread is inside (the innermost {@link #call}), or {@link #sequential()}.
     */
    public static Parallel current() {
        Parallel p = CURRENT.get();
        return p != null ? p : SEQUENTIAL;
    }

    /** The number of threads, the calling thread included. */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code work} in the calling thread with this as {@link #current()}, then restores the previous one.
     *
     * @param work the computation (layer forward and backward passes, a training run)
     * @param <T>  its result type
     * @return what {@code work} returns
     */
    public <T> T call(Supplier<T> work) {
        Parallel outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
                Scratch.release(); // the run is over: its scratch goes with it
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** Runs {@code work} with this as {@link #current()} (see {@link #call}). */
    public void execute(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Stops the helpers of {@link #of(int)} (idempotent); a caller's executor is left running. */
    @Override
    public synchronized void close() {
        closed = true;
        if (crew != null) {
            crew.stop();
        }
    }

    /** The number of chunks for {@code n} items: {@code min(n, MAX_CHUNKS)}, at least 1. */
    public static int chunks(int n) {
        return Math.max(1, Math.min(n, MAX_CHUNKS));
    }

    /** The first item of chunk {@code c} of {@code chunks} over {@code n} items (chunk c is [start(c), start(c+1))). */
    public static int start(int c, int chunks, int n) {
        return (int) ((long) c * n / chunks);
    }

    /**
     * Runs {@code body.accept(i)} for {@code i = 0 .. count-1} on up to {@link #threads()} threads and returns when
     * all are done. When some fail, the failure of the lowest {@code i} is rethrown, so even errors do not depend
     * on the thread count.
     *
     * @throws IllegalStateException when this has been closed and would need its helpers
     */
    public void run(int count, IntConsumer body) {
        if (count <= 1 || threads == 1) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
            return;
        }
        Job job = new Job(count, body);
        if (ownsHelpers) {
            // The owned crew: its helpers and the caller take the items; a busy crew (another thread is running a
            // job on it) means the caller takes them all.
            if (!crew().run(job)) {
                job.work();
            }
        } else {
            if (closed) {
                throw new IllegalStateException("this Parallel (" + threads + " threads) is closed");
            }
            Executor pool = executor;
            int helpers = Math.min(threads, count) - 1;
            for (int h = 0; h < helpers; h++) {
                try {
                    pool.execute(job::work);
                } catch (RejectedExecutionException e) {
                    break; // the calling thread does the rest
                }
            }
            job.work();
        }
        job.await();
    }

    /**
     * Splits items {@code [0, n)} into {@link #chunks(int)} contiguous chunks and runs
     * {@code body.range(chunk, from, to)} for each, in parallel.
     */
    public void forChunks(int n, ChunkBody body) {
        int chunks = chunks(n);
        run(chunks, c -> body.range(c, start(c, chunks, n), start(c + 1, chunks, n)));
    }

    /**
     * Splits items {@code [0, n)} into chunks of {@code size} items (the last one may be shorter; at most
     * {@link #MAX_CHUNKS} chunks, so {@code size ≥ ⌈n / MAX_CHUNKS⌉}) and runs them in parallel.
     *
     * @throws IllegalArgumentException when {@code size} makes more than {@link #MAX_CHUNKS} chunks
     */
    public void forBlocks(int n, int size, ChunkBody body) {
        int chunks = (n + size - 1) / size;
        if (chunks > MAX_CHUNKS) {
            throw new IllegalArgumentException("size = " + size + ": makes " + chunks + " chunks of " + n
                    + " items, more than " + MAX_CHUNKS);
        }
        run(chunks, c -> body.range(c, c * size, Math.min(n, (c + 1) * size)));
    }

    private synchronized Crew crew() {
        if (closed) {
            throw new IllegalStateException("this Parallel (" + threads + " threads) is closed");
        }
        if (crew == null) {
            crew = new Crew(threads - 1, "sde4j-nn-");
        }
        return crew;
    }

    private static void checkThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads = " + threads + ": must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "Parallel[" + threads + " threads" + (closed ? ", closed" : "") + "]";
    }

    /** A chunk of work over items {@code [from, to)}. */
    @FunctionalInterface
    public interface ChunkBody {
        /** Processes chunk {@code chunk}: items {@code [from, to)}. */
        void range(int chunk, int from, int to);
    }

    /** The items of one {@link #run}: taken from a shared counter by every thread that joins. */
    static final class Job {
        private final int count;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private int failedItem = Integer.MAX_VALUE;
        private Throwable failure;

        Job(int count, IntConsumer body) {
            this.count = count;
            this.body = body;
            this.done = new CountDownLatch(count);
        }

        /** Takes items from the shared counter until none is left. */
        void work() {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                item(i);
            }
        }

        /** Runs item {@code i}, recording its failure. */
        void item(int i) {
            try {
                body.accept(i);
            } catch (Throwable t) {
                fail(i, t);
            } finally {
                done.countDown();
            }
        }

        private synchronized void fail(int item, Throwable t) {
            if (item < failedItem) {
                failedItem = item;
                failure = t;
            }
        }

        /** {@link #await()}, spinning up to {@code nanos} first: the last items usually end within microseconds. */
        void awaitSpinning(long nanos) {
            long start = System.nanoTime();
            while (done.getCount() > 0 && System.nanoTime() - start < nanos) {
                Thread.onSpinWait();
            }
            await();
        }

        /** Waits for every item (a chunk's buffers are in use until it ends), then rethrows the first failure. */
        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t;
            synchronized (this) {
                t = failure;
            }
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("a kernel chunk failed", t);
            }
        }
    }
}
