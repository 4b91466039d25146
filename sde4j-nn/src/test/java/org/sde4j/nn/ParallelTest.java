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
