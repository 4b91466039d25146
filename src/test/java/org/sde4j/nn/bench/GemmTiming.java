package org.sde4j.nn.bench;

import org.sde4j.nn.Gemm;

/** Manual profiling aid (not a test): single-thread GFLOP/s of Gemm.multiply at conv shapes. */
public final class GemmTiming {
    public static void main(String[] args) {
        int[][] shapes = {{8, 784, 72}, {16, 196, 144}, {32, 49, 288}, {72, 784, 8}, {8, 72, 784}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            java.util.Arrays.fill(a, 0.5f);
            java.util.Arrays.fill(b, 0.25f);
            long flops = 2L * m * n * k;
            int reps = (int) (4e9 / flops);
            for (int w = 0; w < 2; w++) {
                long t = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    Gemm.multiply(m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
                }
                double sec = (System.nanoTime() - t) * 1e-9;
                if (w == 1) System.out.printf("M=%d N=%d K=%d: %.2f GFLOP/s%n", m, n, k, flops * reps / sec / 1e9);
            }
        }
    }
}
