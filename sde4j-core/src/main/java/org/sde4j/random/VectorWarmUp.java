package org.sde4j.random;

import static org.sde4j.random.BoxMullerStream.LANES;
import static org.sde4j.random.BoxMullerStream.ROUND;
import static org.sde4j.random.BoxMullerStream.VECTOR;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * When {@link BoxMullerStream} switches from its scalar kernel to the vector one ({@link VectorBoxMuller}). Until
 * the JIT compiles it, the vector API runs interpreted, dozens of times slower than the scalar kernel; since both
 * kernels give the same bits, streams use the scalar kernel until the vector kernel has been warmed up: the warm-up
 * times both kernels on its own data and switches when the vector one is faster.
 *
 * <p>Nothing here starts a thread. Whoever runs the work warms the kernel up, in its own thread, for as long as it
 * allows ({@link BoxMullerStream#warmUp(long)}): an ensemble's second worker does it before it takes chunks when the
 * job is large enough to repay it ({@link BoxMullerStream#worthWarmingUp}), a benchmark does it before timing. A
 * warm-up cut short by its time limit continues where it stopped the next time one is asked for; after a minute in
 * all without the vector kernel winning, it gives up and the scalar kernel stays. Results never depend on when, or
 * whether, the switch happens.
 */
final class VectorWarmUp {
    /**
     * Draws of a job from which warming up repays itself: 2^27 ≈ 1.3·10^8. Measured with fresh {@code bin/sde4j
     * solve} processes (gbm, 256 steps, 2 threads on 2 cores) when the second worker warmed up before taking chunks:
     * the solve went from 1.22–1.32 to 0.98–1.05 s at 10^6 paths (2.6·10^8 draws) and from 1.57–1.71 to 1.21–1.31 s
     * at 2·10^6; at 4·10^5 paths it lengthened it (0.94 → 1.01 s), and at 1.5·10^5 more than doubled it: a small job
     * ends before the warm-up does.
     */
    static final double WORTH_DRAWS = 0x1p27;
    /** The longest the warm-ups of a process may take in all before the vector kernel is given up. */
    private static final long GIVE_UP_NANOS = 60_000_000_000L;

    /** Whether the vector kernel is compiled, found faster and in use. */
    static volatile boolean hot;
    /** Whether the vector kernel is unavailable or never won within {@link #GIVE_UP_NANOS}. */
    private static volatile boolean givenUp;
    /** Held by the one thread warming up at a time. */
    private static final AtomicBoolean running = new AtomicBoolean();
    /** Time spent warming up so far (read and written by the thread holding {@link #running}). */
    private static long spentNanos;

    private VectorWarmUp() {
    }

    /**
     * Warms the vector kernel up in the calling thread for at most {@code maxMillis}, unless it is in use, given
     * up, or being warmed up by another thread (then returns at once).
     *
     * @return whether the vector kernel is in use on return
     */
    static boolean warmUpHere(long maxMillis) {
        if (!VECTOR || hot || givenUp || !running.compareAndSet(false, true)) {
            return hot;
        }
        long start = System.nanoTime();
        long deadline = start + Math.min(maxMillis, GIVE_UP_NANOS / 1_000_000) * 1_000_000L;
        try {
            if (!VectorBoxMuller.available()) {
                givenUp = true;
                return false;
            }
            long[] vectorState = new long[4 * LANES];
            long[] scalarState = new long[4 * LANES];
            vectorState[0] = 1;
            scalarState[0] = 1;
            double[] out = new double[8 * ROUND];
            while (!hot && System.nanoTime() < deadline) {
                long t = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    VectorBoxMuller.rounds(vectorState, out, 0, 8);
                }
                long vector = System.nanoTime() - t;
                t = System.nanoTime();
                for (int i = 0; i < 200; i++) {
                    BoxMullerStream.scalarRounds(scalarState, out, 0, 8);
                }
                long scalar = System.nanoTime() - t;
                hot = vector < scalar;
            }
        } catch (RuntimeException | LinkageError e) {
            givenUp = true; // keep the scalar kernel
        } finally {
            spentNanos += System.nanoTime() - start;
            if (!hot && spentNanos >= GIVE_UP_NANOS) {
                givenUp = true;
            }
            running.set(false);
        }
        return hot;
    }
}
