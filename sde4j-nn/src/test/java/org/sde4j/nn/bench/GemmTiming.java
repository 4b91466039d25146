package org.sde4j.nn.bench;

import org.sde4j.nn.Gemm;

/** Manual profiling aid (not a test): single-thread GFLOP/s of the GEMM kernels at resnet20 chunk shapes. */
public final class GemmTiming {
    public static void main(String[] args) {
        // {M, N, K, transposed}: forward W·X̂, backward Wᵀ·dY and dY·X̂ᵀ for 8-image chunks of each stage
        int[][] shapes = {{8, 6272, 72, 0}, {72, 6272, 8, 0}, {8, 72, 6272, 1}, {16, 1568, 144, 0},
            {144, 1568, 16, 0}, {16, 144, 1568, 1}, {32, 392, 288, 0}, {288, 392, 32, 0}, {32, 288, 392, 1}};
        for (int[] s : shapes) {
            int m = s[0], n = s[1], k = s[2];
            boolean t = s[3] == 1;
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n], scratch = new float[k * n];
            java.util.Arrays.fill(a, 0.5f);
            java.util.Arrays.fill(b, 0.25f);
            long flops = 2L * m * n * k;
            int reps = (int) (3e9 / flops);
            for (int w = 0; w < 2; w++) {
                long t0 = System.nanoTime();
                for (int r = 0; r < reps; r++) {
                    if (t) {
                        Gemm.multiplyTransposed(m, n, k, a, 0, k, b, 0, k, c, 0, n, scratch);
                    } else {
                        Gemm.multiply(m, n, k, a, 0, k, b, 0, n, c, 0, n, false);
                    }
                }
                double sec = (System.nanoTime() - t0) * 1e-9;
                if (w == 1) {
                    System.out.printf("M=%d N=%d K=%d %s: %.1f GFLOP/s%n", m, n, k, t ? "A·Bᵀ" : "A·B", flops * reps / sec / 1e9);
                }
            }
        }
    }
}
