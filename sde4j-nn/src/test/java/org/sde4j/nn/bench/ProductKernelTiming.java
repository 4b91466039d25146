package org.sde4j.nn.bench;

import java.util.SplittableRandom;
import org.sde4j.nn.Gemm;

/**
 * Manual profiling aid (not a test): GFLOP/s of the two convolution kernels on one thread, at one shape, with B's
 * rows laid out as a 3 × 3 convolution's views of padded planes (nine offsets per channel, 0–2 apart along a row and
 * a pitch apart between rows).
 *
 * <pre>    java --add-modules jdk.incubator.vector -cp "sde4j-nn/target/classes:sde4j-nn/target/test-classes" \
 *        org.sde4j.nn.bench.ProductKernelTiming 64 512 576</pre>
 *
 * <p>Arguments m n k: {@code C[m × n] = A[m × k] · B[k × n]} by {@link Gemm#multiplyRows} (the forward pass and
 * same-size input gradients), then {@code C[m × k] = A[m × n] · B[k × n]ᵀ} by {@link Gemm#multiplyTransposedRows}
 * (weight gradients). Prints the best of five timings (thread CPU time) after warm-up, three times each. The figures vary from one
 * JVM to the next when the compiled code does: run it several times.
 */
public final class ProductKernelTiming {
    private static final int PITCH_GAP = 31;
    /** Thread CPU time: on a shared machine it does not count the time other processes hold the core. */
    private static final java.lang.management.ThreadMXBean CLOCK =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private ProductKernelTiming() {
    }

    public static void main(String[] args) {
        int m = Integer.parseInt(args[0]);
        int n = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        SplittableRandom random = new SplittableRandom(1);
        float[] a = fill(random, m * Math.max(k, n));
        float[] planes = fill(random, (k / 9 + 1) * (n + 2 * PITCH_GAP + 8));
        int[] views = new int[k];
        for (int p = 0; p < k; p++) {
            views[p] = (p / 9) * (n + 2 * PITCH_GAP + 8) + (p % 3) + (p % 9) / 3 * PITCH_GAP;
        }
        float[] c = new float[m * Math.max(k, n)];
        double flops = 2.0 * m * n * k;
        StringBuilder product = new StringBuilder("multiplyRows           GFLOP/s:");
        StringBuilder transposed = new StringBuilder("multiplyTransposedRows GFLOP/s:");
        for (int trial = 0; trial < 3; trial++) {
            product.append(String.format(" %.1f", flops / bestNanos(trial,
                    () -> Gemm.multiplyRows(m, n, k, a, 0, k, planes, views, c, 0, n, false))));
            transposed.append(String.format(" %.1f", flops / bestNanos(trial,
                    () -> Gemm.multiplyTransposedRows(m, k, n, a, 0, n, planes, views, c, 0, k, null, false))));
        }
        System.out.println(product);
        System.out.println(transposed);
    }

    private static double bestNanos(int trial, Runnable kernel) {
        for (int w = 0; w < (trial == 0 ? 2000 : 100); w++) {
            kernel.run();
        }
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long start = CLOCK.getCurrentThreadCpuTime();
            for (int w = 0; w < 50; w++) {
                kernel.run();
            }
            best = Math.min(best, CLOCK.getCurrentThreadCpuTime() - start);
        }
        return best / 50.0;
    }

    private static float[] fill(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) random.nextDouble();
        }
        return x;
    }
}
