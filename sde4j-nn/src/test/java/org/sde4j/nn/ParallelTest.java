package org.sde4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A {@link Parallel} is an owned value: scoped to the thread that entered it, closed by its owner, no static pool. */
class ParallelTest {
    @Test
    void outsideAnyParallelKernelsRunInTheCallingThread() {
        assertSame(Parallel.sequential(), Parallel.current());
        Thread caller = Thread.currentThread();
        Parallel.current().run(8, i -> assertSame(caller, Thread.currentThread()));
    }

    @Test
    void currentIsTheInnermostEnteredAndIsRestoredAfterwards() {
        try (Parallel two = Parallel.of(2); Parallel three = Parallel.of(3)) {
            two.execute(() -> {
                assertSame(two, Parallel.current());
                assertEquals(3, three.call(() -> Parallel.current().threads()));
                assertSame(two, Parallel.current());
            });
        }
        assertSame(Parallel.sequential(), Parallel.current());
    }

    @Test
    void chunksRunOnHelperThreadsWithoutAParallelOfTheirOwn() {
        AtomicInteger nested = new AtomicInteger();
        long[] sums = new long[Parallel.MAX_CHUNKS];
        try (Parallel four = Parallel.of(4)) {
            four.execute(() -> Parallel.current().forChunks(1000, (c, from, to) -> {
                if (Thread.currentThread().getName().startsWith("sde4j-nn-")
                        && Parallel.current() != Parallel.sequential()) {
                    nested.incrementAndGet();
                }
                for (int i = from; i < to; i++) {
                    sums[c] += i;
                }
            }));
        }
        long total = 0;
        for (long s : sums) {
            total += s;
        }
        assertEquals(999L * 1000 / 2, total);
        assertEquals(0, nested.get());
    }

    @Test
    void aCallersExecutorRunsTheHelpersAndIsNotShutDown() {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicLong tasks = new AtomicLong();
        Executor counting = r -> {
            tasks.incrementAndGet();
            pool.execute(r);
        };
        try {
            try (Parallel p = Parallel.on(counting, 3)) {
                p.run(10, i -> { });
            }
            assertEquals(2, tasks.get(), "threads − 1 helper tasks");
            assertTrue(!pool.isShutdown());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSaturatedExecutorOnlyMeansTheCallerDoesTheWork() {
        Executor never = r -> { };
        int[] seen = new int[12];
        Parallel.on(never, 4).run(12, i -> seen[i]++);
        assertEquals(12, java.util.Arrays.stream(seen).sum());
    }

    @Test
    void theFailureOfTheLowestItemIsRethrown() {
        try (Parallel p = Parallel.of(3)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.run(9, i -> {
                if (i % 4 == 1) {
                    throw new IllegalStateException("item " + i);
                }
            }));
            assertEquals("item 1", e.getMessage());
        }
    }

    /**
     * An owned pool's helpers hand jobs over by spinning, then parking: many short jobs in a row, with pauses longer
     * than the spin between some of them, all run every item exactly once.
     */
    @Test
    void manyShortJobsInARowRunEveryItemOnce() throws InterruptedException {
        try (Parallel two = Parallel.of(2)) {
            for (int job = 0; job < 5000; job++) {
                int[] hits = new int[Parallel.MAX_CHUNKS];
                two.run(hits.length, i -> hits[i]++);
                for (int h : hits) {
                    assertEquals(1, h, "job " + job);
                }
                if (job % 1000 == 999) {
                    Thread.sleep(2); // the helpers park
                }
            }
        }
    }

    /** Two threads running jobs on one pool at once: one of them gets the helpers, the other does its own items. */
    @Test
    void twoCallersOnOnePoolBothFinish() throws Exception {
        try (Parallel two = Parallel.of(2)) {
            long[] totals = new long[2];
            Thread[] callers = new Thread[2];
            for (int t = 0; t < 2; t++) {
                int me = t;
                callers[t] = new Thread(() -> {
                    for (int job = 0; job < 2000; job++) {
                        long[] parts = new long[Parallel.MAX_CHUNKS];
                        two.forChunks(1000, (c, from, to) -> {
                            for (int i = from; i < to; i++) {
                                parts[c] += i;
                            }
                        });
                        for (long p : parts) {
                            totals[me] += p;
                        }
                    }
                });
                callers[t].start();
            }
            for (Thread c : callers) {
                c.join(60_000);
            }
            assertEquals(2000L * 999 * 1000 / 2, totals[0]);
            assertEquals(2000L * 999 * 1000 / 2, totals[1]);
        }
    }

    @Test
    void closingStopsTheHelpers() throws InterruptedException {
        java.util.Set<Thread> before = helpers();
        Parallel two = Parallel.of(2);
        two.run(4, i -> { });
        java.util.Set<Thread> mine = helpers();
        mine.removeAll(before);
        assertEquals(1, mine.size(), "Parallel.of(2) starts one helper beside the caller: " + mine);
        two.close();
        for (Thread t : mine) {
            t.join(10_000);
            assertTrue(!t.isAlive(), t + " ends after close()");
        }
    }

    private static java.util.Set<Thread> helpers() {
        java.util.Set<Thread> all = new java.util.HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("sde4j-nn-") && t.isAlive()) {
                all.add(t);
            }
        }
        return all;
    }

    @Test
    void aClosedPoolAndBadArgumentsAreRefusedWithTheValue() {
        Parallel p = Parallel.of(2);
        p.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> p.run(4, i -> { }));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Parallel.of(0));
        assertTrue(zero.getMessage().contains("threads = 0"), zero.getMessage());
        assertThrows(NullPointerException.class, () -> Parallel.on(null, 2));
        assertTrue(Parallel.defaultThreads() >= 1 && Parallel.defaultThreads() <= Parallel.MAX_CHUNKS);
    }
}
