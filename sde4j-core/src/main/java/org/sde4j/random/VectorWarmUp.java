package org.sde4j.random;

import static org.sde4j.random.BoxMullerStream.LANES;
import static org.sde4j.random.BoxMullerStream.ROUND;
import static org.sde4j.random.BoxMullerStream.VECTOR;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * When {@link BoxMullerStream} switches from its scalar kernel to the vector one ({@link VectorBoxMuller}). Until
 * the JIT compiles it, the vector API runs interpreted, dozens of times slower than the scalar kernel; since both
 * kernels give the same bits, streams use the scalar kernel until a daemon thread has warmed the vector kernel up:
 * it checks that both kernels agree, then times both on its own data and switches when the vector one is faster,
 * within a minute at most. The thread starts when asked ({@link BoxMullerStream#warmUp()}), when a worker of a
 * large job lends its processor to it ({@link BoxMullerStream#lendProcessorToWarmUp}) or after
 * {@value #AUTO_WARM_UP_DRAWS} scalar draws in the process. Results never depend on when, or whether, the switch
 * happens.
 */
final class VectorWarmUp {
    /**
     * Scalar draws, process-wide, after which the vector kernel is warmed up without being asked:
     * 2^25 ≈ 3.4·10^7, about 0.15 s of the scalar kernel. A small job never pays for the warm-up (about
     * 0.3 s of one processor, while the vector API runs interpreted), a large one pays it once and then
     * draws several times faster.
     */
    static final long AUTO_WARM_UP_DRAWS = 1L << 25;
    /**
     * Draws of a job from which one of its workers lends its processor to the warm-up
     * ({@link BoxMullerStream#lendProcessorToWarmUp}): 2^27 ≈ 1.3·10^8. Measured with fresh `bin/sde4j solve`
     * processes (gbm, 256 steps, 2 threads on 2 cores): lending shortened the solve from 1.22–1.32 to 0.98–1.05 s
     * at 10^6 paths (2.6·10^8 draws) and from 1.57–1.71 to 1.21–1.31 s at 2·10^6; at 4·10^5 paths it lengthened
     * it (0.94 → 1.01 s), and at 1.5·10^5 more than doubled it: a small job ends before the warm-up does.
     */
    static final double LEND_DRAWS = 0x1p27;
    /** Rounds a stream accumulates before reporting them to {@link #count} (keeps the shared counter cold). */
    static final int REPORT_ROUNDS = 1 << 12;

    /** Whether the vector kernel is compiled, found faster and in use. */
    static volatile boolean hot;
    /** Whether the warm-up thread has ended (switched or given up). */
    private static volatile boolean finished;
    private static final AtomicLong scalarDraws = new AtomicLong();
    private static final AtomicBoolean started = new AtomicBoolean();

    private VectorWarmUp() {
    }

    /** Adds scalar draws to the process-wide count; starts the warm-up once it reaches the threshold. */
    static void count(long draws) {
        if (scalarDraws.addAndGet(draws) >= AUTO_WARM_UP_DRAWS) {
            start();
        }
    }

    /** Starts the warm-up thread, once per JVM, when the vector module is present; returns at once. */
    static void start() {
        if (VECTOR && started.compareAndSet(false, true)) {
            Thread warmUp = new Thread(VectorWarmUp::run, "sde4j-vector-warm-up");
            warmUp.setDaemon(true);
            warmUp.setPriority(Thread.MIN_PRIORITY);
            warmUp.start();
        }
    }

    /** {@link #start()}, then waits until the switch, the end of the warm-up or the timeout (≥ 0 ms). */
    static boolean startAndWait(long timeoutMillis) {
        start();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (VECTOR && !hot && !finished && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return hot;
    }

    private static void run() {
        long[] vectorState = new long[4 * LANES];
        long[] scalarState = new long[4 * LANES];
        vectorState[0] = 1;
        scalarState[0] = 1;
        double[] out = new double[8 * ROUND];
        long deadline = System.nanoTime() + 60_000_000_000L;
        try {
            if (!VectorBoxMuller.available()) {
                return; // keep the scalar kernel
            }
            while (System.nanoTime() < deadline) {
                long start = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    VectorBoxMuller.rounds(vectorState, out, 0, 8);
                }
                long vector = System.nanoTime() - start;
                start = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    BoxMullerStream.scalarRounds(scalarState, out, 0, 8);
                }
                long scalar = System.nanoTime() - start;
                if (vector < scalar) {
                    hot = true;
                    return;
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // keep the scalar kernel
        } finally {
            finished = true;
        }
    }
}
