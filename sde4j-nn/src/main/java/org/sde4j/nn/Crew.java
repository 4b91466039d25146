package org.sde4j.nn;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The helper threads of a {@link Parallel#of(int) Parallel.of(threads)}: {@code threads − 1} daemon threads that,
 * with the calling thread, take the items of one job at a time. A training step runs a hundred or more short jobs
 * (each layer's forward and backward pass), separated by a little serial work; a helper that went to sleep between
 * two of them costs a wake-up, tens of microseconds, per job. So between jobs a helper spins for up to
 * {@value #SPIN_NANOS} ns, watching for the next one, and only then parks; the caller likewise spins briefly
 * before it blocks on the last items of a job. (OpenMP runtimes keep their threads spinning between parallel
 * regions for the same reason.) Which thread runs an item never changes what the item computes.
 */
final class Crew {
    /** How long an idle helper, or a caller waiting for the last items, spins before it blocks. */
    static final long SPIN_NANOS = 200_000;

    private final Thread[] helpers;
    private final ReentrantLock owner = new ReentrantLock();
    /** The job being run, published before {@link #generation} is advanced. */
    private volatile Parallel.Job job;
    private volatile long generation;
    private volatile boolean stopped;

    /** Starts {@code count} daemon helpers named {@code prefix1, prefix2, …}. */
    Crew(int count, String prefix) {
        helpers = new Thread[count];
        for (int i = 0; i < count; i++) {
            Thread t = new Thread(this::serve, prefix + (i + 1));
            t.setDaemon(true);
            helpers[i] = t;
            t.start();
        }
    }

    /**
     * Runs {@code j} on the helpers and the calling thread and waits for all its items; returns false at once,
     * having run nothing, when another thread is running a job on this crew (that caller should then run the
     * items itself).
     */
    boolean run(Parallel.Job j) {
        if (!owner.tryLock()) {
            return false;
        }
        try {
            job = j;
            generation++;
            for (Thread t : helpers) {
                LockSupport.unpark(t);
            }
            j.work();
            j.awaitSpinning(SPIN_NANOS);
            return true;
        } finally {
            job = null;
            owner.unlock();
        }
    }

    /** Stops the helpers (idempotent); a job being run finishes first. */
    void stop() {
        stopped = true;
        for (Thread t : helpers) {
            LockSupport.unpark(t);
        }
    }

    private void serve() {
        long seen = 0;
        while (!stopped) {
            long g = generation;
            if (g != seen) {
                seen = g;
                Parallel.Job j = job;
                if (j != null) {
                    j.work();
                }
                continue;
            }
            long start = System.nanoTime();
            while (generation == seen && !stopped) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }
}
