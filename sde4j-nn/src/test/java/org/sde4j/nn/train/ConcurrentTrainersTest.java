package org.sde4j.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two trainers with different thread counts, running at the same time in one JVM, each get the bits they get
 * alone: each owns its threads, and neither resizes nor shuts down the other's (as a static pool did).
 */
class ConcurrentTrainersTest {
    @Test
    void twoTrainersRunningTogetherGetTheirBitsAlone() throws Exception {
        String oneAlone = TrainingFingerprintTest.fingerprint("shake-shake", 1);
        String threeAlone = TrainingFingerprintTest.fingerprint("resnet", 3);
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                Future<String> one = both.submit(started(start, () -> TrainingFingerprintTest.fingerprint("shake-shake", 1)));
                Future<String> three = both.submit(started(start, () -> TrainingFingerprintTest.fingerprint("resnet", 3)));
                assertEquals(oneAlone, one.get(), "1 thread, beside a trainer on 3");
                assertEquals(threeAlone, three.get(), "3 threads, beside a trainer on 1");
            }
        } finally {
            both.shutdownNow();
        }
        assertEquals(TrainingFingerprintTest.fingerprint("shake-shake", 4), oneAlone, "the thread count changes no bit");
    }

    private static Callable<String> started(CyclicBarrier start, Callable<String> work) {
        return () -> {
            start.await();
            return work.call();
        };
    }
}
