package org.sde4j.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-tiled float matrix products on the JDK's incubating vector API ({@code jdk.incubator.vector}),
 * used by {@link Gemm} only when that module is present (run with {@code --add-modules jdk.incubator.vector}).
 *
 * <p>The rows of B are given by their offsets ({@link Gemm#multiplyRows}). {@link #multiply}: a 6 × 4V
 * micro-tile of C (V = the preferred vector length, 16 floats with AVX-512) held in twenty-four accumulators; each
 * step over k loads four vectors of a B row, broadcasts six A values and issues twenty-four fused multiply–adds.
 * Rows that do not fill a 6 × 4V tile take 4 × 4V tiles (sixteen accumulators). Column slabs of B (k × 4V) are the
 * outer loop, so a slab stays in cache while every row block of A passes over it; the last columns take 4 × 2V
 * tiles.
 *
 * <p>Why 6 × 4V: on the 2-core AMD EPYC of family 26 (Zen 5, full-width AVX-512, 224 GFLOP/s of 16-lane fused
 * multiply–adds per core measured on registers) the 4 × 4V tile ran at 182–193 GFLOP/s at m = 64, k = 576,
 * n = 512, the 6 × 4V tile at 219–222 (thread CPU time, {@code ProductKernelTiming 64 512 576}): with 16 FMAs per
 * four loads and four broadcasts the loads, not the multiply–adds, limited the narrower tile. Register use: 24
 * accumulators, 4 B vectors and a broadcast, of the 32 AVX-512 registers. Every entry of C is the same chain of
 * multiply–adds over p whichever tile computes it, so the tile changes no bit.
 *
 * <p>With AVX2 (V = 8 floats, sixteen vector registers) the 6 × 4V and 4 × 4V tiles spill their accumulators, and
 * {@link #multiply} takes 4 × 3V tiles instead (twelve accumulators, three B vectors, one broadcast): on the 2-core
 * EPYC of family 25 (Zen 4) exposing AVX2 only, a convolution's forward pass on resnet20's shapes went 1.05–1.25×
 * faster with the 4 × 3V tile (issue 33, {@code bench/WinogradVsDirect.java}'s direct variants), with the same bits.
 *
 * <p>Why not 4 × 2V: JDK 17 compiled the narrower tile (one broadcast per two multiply–adds) to code of
 * four speeds, 72, 81, 90 or 97 GFLOP/s from one JVM to the next (m = 64, k = 576, n = 512, one core of the 2-core
 * EPYC of family 25 (Zen 4) used for {@code docs/benchmarks.md} in issue 15; each JVM kept its speed, and the
 * alignment of the arrays made no difference). The 4 × 4V tile, one broadcast per four, ran at 102–113 in every
 * JVM tried there.
 *
 * <p>{@link #multiplyTransposed}: {@code C = A Bᵀ} with a long contraction (the weight gradient of a
 * convolution): a 4 × 4 tile of dot products (4 × 2 and single ones for the rest), each a vector accumulator over
 * the contraction, reduced across lanes at the end; eight loads per sixteen multiply–adds, 5 % faster than the
 * 4 × 3 tile it replaced (86–91 → 92–94 GFLOP/s at m = 64, n = 576, p = 1 024, one core of the Zen 4). The sixteen
 * lane sums of a tile run side by side, each in its own order (on Zen 5 one after another they cost 10 % of the
 * kernel at p = 1 024: 111–115 → 120–127 GFLOP/s). A 4 × 6 tile (ten loads per twenty-four multiply–adds) was
 * slower there, 96–107 against 121–139 GFLOP/s. Every sum is formed in
 * a fixed order, so results are deterministic; the lanes of each accumulator are added one after another from
 * lane 0 (as {@code VectorOps.sumLogicalLanes} does), not by {@code reduceLanes}, whose order the JDK chooses (JDK 25
 * changes it when it compiles the kernel), so the bits are the same on every JDK. Dot products run over 16 logical
 * lanes and the column split of {@link #multiply} falls at a multiple of 16 whatever the vector length (see {@link
 * VectorOps}), so the bits are also the same on every vector width: with AVX2 a dot product's accumulators take
 * two passes over the contraction, one per half of the logical lanes.
 *
 * <p>With AVX2 (sixteen registers) the dot products take 3 × 3 tiles (nine accumulators, three B vectors, one A
 * vector), and 4 × 2 tiles for one or two groups of four rows when m is not a multiple of three, over blocks of
 * {@link #DOT_BLOCK} columns of the contraction: every tile of a group of rows passes over one block before the
 * next block is started, so the two passes over each block (one per half of the logical lanes) read it from L1
 * instead of streaming it from L2 twice per tile. On the 2-core EPYC of family 25 (Zen 4, AVX2) this took the
 * weight-gradient dots from 38–57 to 54–69 GFLOP/s at resnet20's shapes ({@code docs/benchmarks.md}, issue 33). A
 * 4 × 3 tile (twelve accumulators, all sixteen registers) ran at 31–37 GFLOP/s there: it spills.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = VectorOps.species();
    private static final int V = S.length();
    /** The logical vector length of every dot product and of the column split (see {@link VectorOps}). */
    private static final int L = VectorOps.L;
    /** Hardware vectors per logical vector: 1 with AVX-512, 2 with AVX2. */
    private static final int G = VectorOps.G;

    private VectorGemm() {
    }

    /** Whether the vector API works here (a trial product). */
    static boolean available() {
        float[] a = {1, 2, 3, 4};
        float[] c = new float[4];
        multiply(2, 2, 2, a, 0, 2, a, new int[] {0, 2}, c, 0, 2, false);
        return c[0] == 7 && c[3] == 22;
    }

    /**
     * {@code C ← (accumulate ? C : 0) + A · B} where row p of B starts anywhere in {@code b}: B(p, j) is
     * {@code b[rows[p] + j]} (see {@link Gemm#multiplyRows}). Each C(i, j) is the same chain of fused
     * multiply–adds over p = 0, 1, …, k − 1 wherever the rows are, except in the last {@code n mod 16} columns
     * (dot products, see {@link #tail}).
     */
    static void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean accumulate) {
        // Columns below nv are chains of multiply–adds and the last n mod 16 are dot products, on every vector width.
        int nv = n - n % L;
        int j = 0;
        // With fewer than 16 lanes per vector (AVX2, SSE) the processor has 16 vector registers: 4 × 3V tiles.
        for (; G > 1 && j + 3 * V <= nv; j += 3 * V) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                tile4x3(i, j, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
            }
            for (; i < m; i++) {
                tile1x2(i, j, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
                tile1x1(i, j + 2 * V, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
            }
        }
        for (; G == 1 && j + 4 * V <= nv; j += 4 * V) {
            int i = 0;
            // Six rows at a time, but never so as to leave two: eight rows left take two 4 × 4V tiles.
            for (; i + 6 <= m && m - i != 8; i += 6) {
                tile6x4(i, j, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
            }
            for (; i + 4 <= m; i += 4) {
                tile4x4(i, j, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
            }
            for (; i < m; i++) {
                tile1x2(i, j, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
                tile1x2(i, j + 2 * V, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
            }
        }
        for (; j + 2 * V <= nv; j += 2 * V) {
            int i = 0;
            for (; i + 4 <= m; i += 4) {
                tile4x2(i, j, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
            }
            for (; i < m; i++) {
                tile1x2(i, j, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
            }
        }
        for (; j + V <= nv; j += V) {
            for (int i = 0; i < m; i++) {
                tile1x1(i, j, k, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
            }
        }
        if (j < n) {
            tail(m, n, k, j, a, aOff, lda, b, rows, c, cOff, ldc, accumulate);
        }
    }

    /**
     * The last {@code n − j} (fewer than 16) columns: copied to a contiguous {@code (n − j) × k} block, so each
     * entry is a dot product vectorised along k.
     */
    private static void tail(int m, int n, int k, int j, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean accumulate) {
        int t = n - j;
        float[] bt = Scratch.floats(Scratch.Slot.GEMM_TAIL, t * k);
        for (int p = 0; p < k; p++) {
            int src = rows[p] + j;
            for (int q = 0; q < t; q++) {
                bt[q * k + p] = b[src + q];
            }
        }
        int kv = k - k % L;
        float[] lanes = new float[L];
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * lda;
            int ci = cOff + i * ldc + j;
            for (int q = 0; q < t; q++) {
                float d = dot(k, kv, a, ai, bt, q * k, lanes);
                c[ci + q] = accumulate ? c[ci + q] + d : d;
            }
        }
    }

    /** C(i .. i+4, j .. j+4V): sixteen accumulators, each the chain of multiply–adds over p in order. */
    private static void tile4x4(int i, int j, int k, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff + i * ldc + j;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector x00 = start(c, c0, accumulate);
        FloatVector x01 = start(c, c0 + V, accumulate);
        FloatVector x02 = start(c, c0 + 2 * V, accumulate);
        FloatVector x03 = start(c, c0 + 3 * V, accumulate);
        FloatVector x10 = start(c, c1, accumulate);
        FloatVector x11 = start(c, c1 + V, accumulate);
        FloatVector x12 = start(c, c1 + 2 * V, accumulate);
        FloatVector x13 = start(c, c1 + 3 * V, accumulate);
        FloatVector x20 = start(c, c2, accumulate);
        FloatVector x21 = start(c, c2 + V, accumulate);
        FloatVector x22 = start(c, c2 + 2 * V, accumulate);
        FloatVector x23 = start(c, c2 + 3 * V, accumulate);
        FloatVector x30 = start(c, c3, accumulate);
        FloatVector x31 = start(c, c3 + V, accumulate);
        FloatVector x32 = start(c, c3 + 2 * V, accumulate);
        FloatVector x33 = start(c, c3 + 3 * V, accumulate);
        int a0 = aOff + i * lda;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int p = 0; p < k; p++) {
            int bp = rows[p] + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + V);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * V);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * V);
            FloatVector v = FloatVector.broadcast(S, a[a0 + p]);
            x00 = b0.fma(v, x00);
            x01 = b1.fma(v, x01);
            x02 = b2.fma(v, x02);
            x03 = b3.fma(v, x03);
            v = FloatVector.broadcast(S, a[a1 + p]);
            x10 = b0.fma(v, x10);
            x11 = b1.fma(v, x11);
            x12 = b2.fma(v, x12);
            x13 = b3.fma(v, x13);
            v = FloatVector.broadcast(S, a[a2 + p]);
            x20 = b0.fma(v, x20);
            x21 = b1.fma(v, x21);
            x22 = b2.fma(v, x22);
            x23 = b3.fma(v, x23);
            v = FloatVector.broadcast(S, a[a3 + p]);
            x30 = b0.fma(v, x30);
            x31 = b1.fma(v, x31);
            x32 = b2.fma(v, x32);
            x33 = b3.fma(v, x33);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + V);
        x02.intoArray(c, c0 + 2 * V);
        x03.intoArray(c, c0 + 3 * V);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + V);
        x12.intoArray(c, c1 + 2 * V);
        x13.intoArray(c, c1 + 3 * V);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + V);
        x22.intoArray(c, c2 + 2 * V);
        x23.intoArray(c, c2 + 3 * V);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + V);
        x32.intoArray(c, c3 + 2 * V);
        x33.intoArray(c, c3 + 3 * V);
    }

    /** C(i .. i+6, j .. j+4V): twenty-four accumulators, four loads and six broadcasts per 24 multiply–adds. */
    private static void tile6x4(int i, int j, int k, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff + i * ldc + j;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        int c4 = c3 + ldc;
        int c5 = c4 + ldc;
        FloatVector x00 = start(c, c0, accumulate);
        FloatVector x01 = start(c, c0 + 1 * V, accumulate);
        FloatVector x02 = start(c, c0 + 2 * V, accumulate);
        FloatVector x03 = start(c, c0 + 3 * V, accumulate);
        FloatVector x10 = start(c, c1, accumulate);
        FloatVector x11 = start(c, c1 + 1 * V, accumulate);
        FloatVector x12 = start(c, c1 + 2 * V, accumulate);
        FloatVector x13 = start(c, c1 + 3 * V, accumulate);
        FloatVector x20 = start(c, c2, accumulate);
        FloatVector x21 = start(c, c2 + 1 * V, accumulate);
        FloatVector x22 = start(c, c2 + 2 * V, accumulate);
        FloatVector x23 = start(c, c2 + 3 * V, accumulate);
        FloatVector x30 = start(c, c3, accumulate);
        FloatVector x31 = start(c, c3 + 1 * V, accumulate);
        FloatVector x32 = start(c, c3 + 2 * V, accumulate);
        FloatVector x33 = start(c, c3 + 3 * V, accumulate);
        FloatVector x40 = start(c, c4, accumulate);
        FloatVector x41 = start(c, c4 + 1 * V, accumulate);
        FloatVector x42 = start(c, c4 + 2 * V, accumulate);
        FloatVector x43 = start(c, c4 + 3 * V, accumulate);
        FloatVector x50 = start(c, c5, accumulate);
        FloatVector x51 = start(c, c5 + 1 * V, accumulate);
        FloatVector x52 = start(c, c5 + 2 * V, accumulate);
        FloatVector x53 = start(c, c5 + 3 * V, accumulate);
        int a0 = aOff + i * lda;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        for (int p = 0; p < k; p++) {
            int bp = rows[p] + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + 1 * V);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * V);
            FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * V);
            FloatVector v = FloatVector.broadcast(S, a[a0 + p]);
            x00 = b0.fma(v, x00);
            x01 = b1.fma(v, x01);
            x02 = b2.fma(v, x02);
            x03 = b3.fma(v, x03);
            v = FloatVector.broadcast(S, a[a1 + p]);
            x10 = b0.fma(v, x10);
            x11 = b1.fma(v, x11);
            x12 = b2.fma(v, x12);
            x13 = b3.fma(v, x13);
            v = FloatVector.broadcast(S, a[a2 + p]);
            x20 = b0.fma(v, x20);
            x21 = b1.fma(v, x21);
            x22 = b2.fma(v, x22);
            x23 = b3.fma(v, x23);
            v = FloatVector.broadcast(S, a[a3 + p]);
            x30 = b0.fma(v, x30);
            x31 = b1.fma(v, x31);
            x32 = b2.fma(v, x32);
            x33 = b3.fma(v, x33);
            v = FloatVector.broadcast(S, a[a4 + p]);
            x40 = b0.fma(v, x40);
            x41 = b1.fma(v, x41);
            x42 = b2.fma(v, x42);
            x43 = b3.fma(v, x43);
            v = FloatVector.broadcast(S, a[a5 + p]);
            x50 = b0.fma(v, x50);
            x51 = b1.fma(v, x51);
            x52 = b2.fma(v, x52);
            x53 = b3.fma(v, x53);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + 1 * V);
        x02.intoArray(c, c0 + 2 * V);
        x03.intoArray(c, c0 + 3 * V);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + 1 * V);
        x12.intoArray(c, c1 + 2 * V);
        x13.intoArray(c, c1 + 3 * V);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + 1 * V);
        x22.intoArray(c, c2 + 2 * V);
        x23.intoArray(c, c2 + 3 * V);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + 1 * V);
        x32.intoArray(c, c3 + 2 * V);
        x33.intoArray(c, c3 + 3 * V);
        x40.intoArray(c, c4);
        x41.intoArray(c, c4 + 1 * V);
        x42.intoArray(c, c4 + 2 * V);
        x43.intoArray(c, c4 + 3 * V);
        x50.intoArray(c, c5);
        x51.intoArray(c, c5 + 1 * V);
        x52.intoArray(c, c5 + 2 * V);
        x53.intoArray(c, c5 + 3 * V);
    }

    /** An accumulator's start: C's vector at {@code at} when accumulating, else zero. */
    private static FloatVector start(float[] c, int at, boolean accumulate) {
        return accumulate ? FloatVector.fromArray(S, c, at) : FloatVector.zero(S);
    }

    private static void tile4x2(int i, int j, int k, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff + i * ldc + j;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector x00 = start(c, c0, accumulate);
        FloatVector x01 = start(c, c0 + V, accumulate);
        FloatVector x10 = start(c, c1, accumulate);
        FloatVector x11 = start(c, c1 + V, accumulate);
        FloatVector x20 = start(c, c2, accumulate);
        FloatVector x21 = start(c, c2 + V, accumulate);
        FloatVector x30 = start(c, c3, accumulate);
        FloatVector x31 = start(c, c3 + V, accumulate);
        int a0 = aOff + i * lda;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int p = 0; p < k; p++) {
            int bp = rows[p] + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + V);
            FloatVector v = FloatVector.broadcast(S, a[a0 + p]);
            x00 = b0.fma(v, x00);
            x01 = b1.fma(v, x01);
            v = FloatVector.broadcast(S, a[a1 + p]);
            x10 = b0.fma(v, x10);
            x11 = b1.fma(v, x11);
            v = FloatVector.broadcast(S, a[a2 + p]);
            x20 = b0.fma(v, x20);
            x21 = b1.fma(v, x21);
            v = FloatVector.broadcast(S, a[a3 + p]);
            x30 = b0.fma(v, x30);
            x31 = b1.fma(v, x31);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + V);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + V);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + V);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + V);
    }

    /**
     * C(i .. i+4, j .. j+3V): twelve accumulators, three loads and four broadcasts per twelve multiply–adds — with the
     * loaded B vectors and a broadcast, sixteen registers, all that AVX2 has.
     */
    private static void tile4x3(int i, int j, int k, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff + i * ldc + j;
        int c1 = c0 + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector x00 = start(c, c0, accumulate);
        FloatVector x01 = start(c, c0 + V, accumulate);
        FloatVector x02 = start(c, c0 + 2 * V, accumulate);
        FloatVector x10 = start(c, c1, accumulate);
        FloatVector x11 = start(c, c1 + V, accumulate);
        FloatVector x12 = start(c, c1 + 2 * V, accumulate);
        FloatVector x20 = start(c, c2, accumulate);
        FloatVector x21 = start(c, c2 + V, accumulate);
        FloatVector x22 = start(c, c2 + 2 * V, accumulate);
        FloatVector x30 = start(c, c3, accumulate);
        FloatVector x31 = start(c, c3 + V, accumulate);
        FloatVector x32 = start(c, c3 + 2 * V, accumulate);
        int a0 = aOff + i * lda;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int p = 0; p < k; p++) {
            int bp = rows[p] + j;
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + V);
            FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * V);
            FloatVector v = FloatVector.broadcast(S, a[a0 + p]);
            x00 = b0.fma(v, x00);
            x01 = b1.fma(v, x01);
            x02 = b2.fma(v, x02);
            v = FloatVector.broadcast(S, a[a1 + p]);
            x10 = b0.fma(v, x10);
            x11 = b1.fma(v, x11);
            x12 = b2.fma(v, x12);
            v = FloatVector.broadcast(S, a[a2 + p]);
            x20 = b0.fma(v, x20);
            x21 = b1.fma(v, x21);
            x22 = b2.fma(v, x22);
            v = FloatVector.broadcast(S, a[a3 + p]);
            x30 = b0.fma(v, x30);
            x31 = b1.fma(v, x31);
            x32 = b2.fma(v, x32);
        }
        x00.intoArray(c, c0);
        x01.intoArray(c, c0 + V);
        x02.intoArray(c, c0 + 2 * V);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + V);
        x12.intoArray(c, c1 + 2 * V);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + V);
        x22.intoArray(c, c2 + 2 * V);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + V);
        x32.intoArray(c, c3 + 2 * V);
    }

    /** C(i, j .. j+V): one accumulator. */
    private static void tile1x1(int i, int j, int k, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean accumulate) {
        int ai = aOff + i * lda;
        int ci = cOff + i * ldc + j;
        FloatVector acc = start(c, ci, accumulate);
        for (int p = 0; p < k; p++) {
            acc = FloatVector.fromArray(S, b, rows[p] + j).fma(FloatVector.broadcast(S, a[ai + p]), acc);
        }
        acc.intoArray(c, ci);
    }

    private static void tile1x2(int i, int j, int k, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean accumulate) {
        int c0 = cOff + i * ldc + j;
        FloatVector x0 = start(c, c0, accumulate);
        FloatVector x1 = start(c, c0 + V, accumulate);
        int a0 = aOff + i * lda;
        for (int p = 0; p < k; p++) {
            int bp = rows[p] + j;
            FloatVector v = FloatVector.broadcast(S, a[a0 + p]);
            x0 = FloatVector.fromArray(S, b, bp).fma(v, x0);
            x1 = FloatVector.fromArray(S, b, bp + V).fma(v, x1);
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + V);
    }

    /**
     * {@code C[m×n] ← (acc ? C : 0) + A[m×p] · B[n×p]ᵀ}, row j of B starting at {@code b[rows[j]]} (see
     * {@link Gemm#multiplyTransposedRows}).
     */
    static void multiplyTransposed(int m, int n, int p, float[] a, int aOff, int lda, float[] b, int[] rows,
            float[] c, int cOff, int ldc, boolean acc) {
        float[] lanes = new float[16 * L];
        int pv = p - p % L;
        int i = 0;
        if (G > 1) {
            // AVX2's sixteen registers: 3 × 3 tiles over blocks of the contraction (the 4 × 4 tile's sixteen
            // accumulators spill), after one or two groups of four rows in 4 × 2 tiles when m − i is not a multiple
            // of three.
            while (i + 3 <= m) {
                if ((m - i) % 3 != 0 && i + 4 <= m) {
                    dots4x2Blocked(i, n, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
                    dots(i, 4, n - n % 2, n, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc, lanes);
                    i += 4;
                } else {
                    dots3x3Blocked(i, n, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
                    dots(i, 3, n - n % 3, n, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc, lanes);
                    i += 3;
                }
            }
        }
        for (; G == 1 && i + 4 <= m; i += 4) {
            int j = 0;
            for (; j + 4 <= n; j += 4) {
                dots4x4(i, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc, lanes);
            }
            for (; j + 2 <= n; j += 2) {
                dots4x2(i, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc, lanes);
            }
            dots(i, 4, j, n, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc, lanes);
        }
        dots(i, m - i, 0, n, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc, lanes);
    }

    /** C(i .. i+count, j0 .. n) as single dot products. */
    private static void dots(int i, int count, int j0, int n, int p, int pv, float[] a, int aOff, int lda, float[] b,
            int[] rows, float[] c, int cOff, int ldc, boolean acc, float[] lanes) {
        for (int r = i; r < i + count; r++) {
            for (int j = j0; j < n; j++) {
                float d = dot(p, pv, a, aOff + r * lda, b, rows[j], lanes);
                c[cOff + r * ldc + j] = acc ? c[cOff + r * ldc + j] + d : d;
            }
        }
    }

    /**
     * Columns of the contraction that {@link #dots4x2Blocked} takes at a time: four rows of A over 1 024 columns are
     * 16 KiB, which stay in a 32 KiB L1 data cache while every pair of B rows passes over them.
     */
    static final int DOT_BLOCK = 1024;

    /**
     * Rows {@code i .. i+3} of {@code A·Bᵀ}, columns {@code 0 .. n − n mod 2}, for vectors narrower than the 16 logical
     * lanes (G &gt; 1): 4 × 2 tiles of dot products, the contraction cut into blocks of {@link #DOT_BLOCK} columns,
     * every pair of B rows passing over one block before the next block is started.
     *
     * <p>Why: with G = 2 a tile makes two passes over its columns, each using half of every 16-float run, so each
     * cache line of the four A rows is read twice per tile; and every tile of a row block reads those rows again.
     * Unblocked, four rows of a long contraction (resnet20's stage 1 has 6 720 columns per chunk: 107 KiB) do not fit
     * in L1, and every pass of every tile streamed them from L2. Blocked, both passes of all n/2 tiles read a block
     * of A from L1 (and the nine views of a channel, which overlap, share their cache lines too).
     *
     * <p>Bits: each logical lane of each dot product is still one chain of fused multiply–adds over its positions in
     * increasing order from zero. Between blocks a tile's accumulators wait in {@code part} (storing and loading a
     * float does not change it); after the last block the 16 lanes are added from lane 0 and the scalar tail
     * follows, as in {@link #dots4x2}. A contraction of one block (stage 3's 1 024 columns) is the plain 4 × 2 tile.
     */
    private static void dots4x2Blocked(int i, int n, int p, int pv, float[] a, int aOff, int lda, float[] b,
            int[] rows, float[] c, int cOff, int ldc, boolean acc) {
        int pairs = n / 2;
        // Pair t's eight dot products (row r, column s of the tile at d = 2r + s), 16 logical lanes each.
        // With one block, every tile is summed before the next starts: they all use the first 128 floats.
        boolean oneBlock = pv <= DOT_BLOCK;
        float[] part = Scratch.floats(Scratch.Slot.GEMM_LANES, (oneBlock ? 1 : pairs) * 8 * L);
        int a0 = aOff + i * lda;
        // At least one block, which starts the lanes at zero even when pv = 0. In the last block each tile's sums
        // follow it at once, while its lanes are still in L1.
        int q0 = 0;
        boolean last;
        do {
            int q1 = Math.min(q0 + DOT_BLOCK, pv);
            last = q1 == pv;
            for (int t = 0; t < pairs; t++) {
                int o = oneBlock ? 0 : t * 8 * L;
                dots4x2Block(a, a0, lda, b, rows[2 * t], rows[2 * t + 1], q0, q1, part, o);
                if (last) {
                    finish4x2(part, o, i, 2 * t, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
                }
            }
            q0 = q1;
        } while (!last);
    }

    /** Sums the logical lanes of a 4 × 2 tile's eight dot products at {@code part[o ..]} and stores them. */
    private static void finish4x2(float[] part, int o, int i, int j, int p, int pv, float[] a, int aOff, int lda,
            float[] b, int[] rows, float[] c, int cOff, int ldc, boolean acc) {
        // The eight sums side by side, each lane after lane from lane 0 (VectorOps.sumLogicalLanes's order).
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        for (int l = 0; l < L; l++) {
            s0 += part[o + l];
            s1 += part[o + L + l];
            s2 += part[o + 2 * L + l];
            s3 += part[o + 3 * L + l];
            s4 += part[o + 4 * L + l];
            s5 += part[o + 5 * L + l];
            s6 += part[o + 6 * L + l];
            s7 += part[o + 7 * L + l];
        }
        finish(s0, i, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s1, i, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s2, i + 1, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s3, i + 1, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s4, i + 2, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s5, i + 2, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s6, i + 3, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s7, i + 3, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
    }

    /**
     * One block {@code [q0, q1)} (multiples of 16) of a 4 × 2 tile: A rows at {@code a0 + r·lda}, B rows at
     * {@code b0}, {@code b1}; the logical lanes of its eight dot products continue from {@code part[o ..]} (from zero
     * when {@code q0 == 0}) and are stored back there. Eight accumulators, two B vectors and one A vector: eleven of
     * AVX2's sixteen registers.
     */
    private static void dots4x2Block(float[] a, int a0, int lda, float[] b, int b0, int b1, int q0, int q1,
            float[] part, int o) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        for (int g = 0; g < G; g++) {
            int h = g * V;
            FloatVector x00;
            FloatVector x01;
            FloatVector x10;
            FloatVector x11;
            FloatVector x20;
            FloatVector x21;
            FloatVector x30;
            FloatVector x31;
            if (q0 == 0) {
                x00 = FloatVector.zero(S);
                x01 = x00;
                x10 = x00;
                x11 = x00;
                x20 = x00;
                x21 = x00;
                x30 = x00;
                x31 = x00;
            } else {
                x00 = FloatVector.fromArray(S, part, o + h);
                x01 = FloatVector.fromArray(S, part, o + L + h);
                x10 = FloatVector.fromArray(S, part, o + 2 * L + h);
                x11 = FloatVector.fromArray(S, part, o + 3 * L + h);
                x20 = FloatVector.fromArray(S, part, o + 4 * L + h);
                x21 = FloatVector.fromArray(S, part, o + 5 * L + h);
                x30 = FloatVector.fromArray(S, part, o + 6 * L + h);
                x31 = FloatVector.fromArray(S, part, o + 7 * L + h);
            }
            for (int q = q0 + h; q < q1; q += L) {
                FloatVector u = FloatVector.fromArray(S, b, b0 + q);
                FloatVector w = FloatVector.fromArray(S, b, b1 + q);
                FloatVector v = FloatVector.fromArray(S, a, a0 + q);
                x00 = v.fma(u, x00);
                x01 = v.fma(w, x01);
                v = FloatVector.fromArray(S, a, a1 + q);
                x10 = v.fma(u, x10);
                x11 = v.fma(w, x11);
                v = FloatVector.fromArray(S, a, a2 + q);
                x20 = v.fma(u, x20);
                x21 = v.fma(w, x21);
                v = FloatVector.fromArray(S, a, a3 + q);
                x30 = v.fma(u, x30);
                x31 = v.fma(w, x31);
            }
            x00.intoArray(part, o + h);
            x01.intoArray(part, o + L + h);
            x10.intoArray(part, o + 2 * L + h);
            x11.intoArray(part, o + 3 * L + h);
            x20.intoArray(part, o + 4 * L + h);
            x21.intoArray(part, o + 5 * L + h);
            x30.intoArray(part, o + 6 * L + h);
            x31.intoArray(part, o + 7 * L + h);
        }
    }

    /**
     * Rows {@code i .. i+2} of {@code A·Bᵀ}, columns {@code 0 .. n − n mod 3}, for vectors narrower than the 16 logical
     * lanes: 3 × 3 tiles of dot products over blocks of {@link #DOT_BLOCK} columns, as {@link #dots4x2Blocked} does
     * with 4 × 2 tiles. Nine multiply–adds per six loads instead of eight; with a convolution's views the three B rows
     * of a tile are usually the taps v = 0, 1, 2 of one kernel row, adjacent in memory, and then share one index
     * ({@link #dots3x3BlockAdjacent}). Same bits as every other tile: each logical lane one chain over its positions
     * in increasing order from zero, the lanes added from lane 0, then the scalar tail.
     */
    private static void dots3x3Blocked(int i, int n, int p, int pv, float[] a, int aOff, int lda, float[] b,
            int[] rows, float[] c, int cOff, int ldc, boolean acc) {
        int triples = n / 3;
        boolean oneBlock = pv <= DOT_BLOCK;
        // Triple t's nine dot products (row r, column s of the tile at d = 3r + s), 16 logical lanes each.
        float[] part = Scratch.floats(Scratch.Slot.GEMM_LANES, (oneBlock ? 1 : triples) * 9 * L);
        int a0 = aOff + i * lda;
        int q0 = 0;
        boolean last;
        do {
            int q1 = Math.min(q0 + DOT_BLOCK, pv);
            last = q1 == pv;
            for (int t = 0; t < triples; t++) {
                int o = oneBlock ? 0 : t * 9 * L;
                int b0 = rows[3 * t];
                int b1 = rows[3 * t + 1];
                int b2 = rows[3 * t + 2];
                if (b1 == b0 + 1 && b2 == b0 + 2) {
                    dots3x3BlockAdjacent(a, a0, lda, b, b0, q0, q1, part, o);
                } else {
                    dots3x3Block(a, a0, lda, b, b0, b1, b2, q0, q1, part, o);
                }
                if (last) {
                    finish3x3(part, o, i, 3 * t, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
                }
            }
            q0 = q1;
        } while (!last);
    }

    /** Sums the logical lanes of a 3 × 3 tile's nine dot products at {@code part[o ..]} and stores them. */
    private static void finish3x3(float[] part, int o, int i, int j, int p, int pv, float[] a, int aOff, int lda,
            float[] b, int[] rows, float[] c, int cOff, int ldc, boolean acc) {
        // The nine sums side by side, each lane after lane from lane 0 (VectorOps.sumLogicalLanes's order).
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f, s8 = 0f;
        for (int l = 0; l < L; l++) {
            s0 += part[o + l];
            s1 += part[o + L + l];
            s2 += part[o + 2 * L + l];
            s3 += part[o + 3 * L + l];
            s4 += part[o + 4 * L + l];
            s5 += part[o + 5 * L + l];
            s6 += part[o + 6 * L + l];
            s7 += part[o + 7 * L + l];
            s8 += part[o + 8 * L + l];
        }
        finish(s0, i, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s1, i, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s2, i, j + 2, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s3, i + 1, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s4, i + 1, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s5, i + 1, j + 2, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s6, i + 2, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s7, i + 2, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s8, i + 2, j + 2, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
    }

    /**
     * One block {@code [q0, q1)} (multiples of 16) of a 3 × 3 tile of dot products: A rows at {@code a0 + r·lda}, B
     * rows at {@code b0}, {@code b1}, {@code b2}; the logical lanes of its nine dot products continue from
     * {@code part[o ..]} (from zero when {@code q0 == 0}) and are stored back there. Nine accumulators, three B vectors
     * and one A vector: thirteen of AVX2's sixteen registers, six loads per nine multiply–adds.
     */
    private static void dots3x3Block(float[] a, int a0, int lda, float[] b, int b0, int b1, int b2, int q0,
            int q1, float[] part, int o) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        for (int g = 0; g < G; g++) {
            int h = g * V;
            FloatVector x00;
            FloatVector x01;
            FloatVector x02;
            FloatVector x10;
            FloatVector x11;
            FloatVector x12;
            FloatVector x20;
            FloatVector x21;
            FloatVector x22;
            if (q0 == 0) {
                x00 = FloatVector.zero(S);
                x01 = x00;
                x02 = x00;
                x10 = x00;
                x11 = x00;
                x12 = x00;
                x20 = x00;
                x21 = x00;
                x22 = x00;
            } else {
                x00 = FloatVector.fromArray(S, part, o + h);
                x01 = FloatVector.fromArray(S, part, o + L + h);
                x02 = FloatVector.fromArray(S, part, o + 2 * L + h);
                x10 = FloatVector.fromArray(S, part, o + 3 * L + h);
                x11 = FloatVector.fromArray(S, part, o + 4 * L + h);
                x12 = FloatVector.fromArray(S, part, o + 5 * L + h);
                x20 = FloatVector.fromArray(S, part, o + 6 * L + h);
                x21 = FloatVector.fromArray(S, part, o + 7 * L + h);
                x22 = FloatVector.fromArray(S, part, o + 8 * L + h);
            }
            for (int q = q0 + h; q < q1; q += L) {
                FloatVector u = FloatVector.fromArray(S, b, b0 + q);
                FloatVector w = FloatVector.fromArray(S, b, b1 + q);
                FloatVector y = FloatVector.fromArray(S, b, b2 + q);
                FloatVector v = FloatVector.fromArray(S, a, a0 + q);
                x00 = v.fma(u, x00);
                x01 = v.fma(w, x01);
                x02 = v.fma(y, x02);
                v = FloatVector.fromArray(S, a, a1 + q);
                x10 = v.fma(u, x10);
                x11 = v.fma(w, x11);
                x12 = v.fma(y, x12);
                v = FloatVector.fromArray(S, a, a2 + q);
                x20 = v.fma(u, x20);
                x21 = v.fma(w, x21);
                x22 = v.fma(y, x22);
            }
            x00.intoArray(part, o + h);
            x01.intoArray(part, o + L + h);
            x02.intoArray(part, o + 2 * L + h);
            x10.intoArray(part, o + 3 * L + h);
            x11.intoArray(part, o + 4 * L + h);
            x12.intoArray(part, o + 5 * L + h);
            x20.intoArray(part, o + 6 * L + h);
            x21.intoArray(part, o + 7 * L + h);
            x22.intoArray(part, o + 8 * L + h);
        }
    }

    /**
     * {@link #dots3x3Block} for three adjacent B rows, {@code b0}, {@code b0 + 1} and {@code b0 + 2} (the taps v = 0,
     * 1, 2 of one row of a 3 × 3 kernel, stride 1): one index serves the three loads. A near-copy of that method,
     * kept because it measured faster: 54–63 against 37–56 GFLOP/s for the weight gradients at stage 2's shape
     * ({@code ProductKernelTiming 32 1792 288}, the two alternated, three rotations, AVX2 Zen 4); C2 does not
     * specialise one body for adjacent rows.
     */
    private static void dots3x3BlockAdjacent(float[] a, int a0, int lda, float[] b, int b0, int q0, int q1,
            float[] part, int o) {
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        for (int g = 0; g < G; g++) {
            int h = g * V;
            FloatVector x00;
            FloatVector x01;
            FloatVector x02;
            FloatVector x10;
            FloatVector x11;
            FloatVector x12;
            FloatVector x20;
            FloatVector x21;
            FloatVector x22;
            if (q0 == 0) {
                x00 = FloatVector.zero(S);
                x01 = x00;
                x02 = x00;
                x10 = x00;
                x11 = x00;
                x12 = x00;
                x20 = x00;
                x21 = x00;
                x22 = x00;
            } else {
                x00 = FloatVector.fromArray(S, part, o + h);
                x01 = FloatVector.fromArray(S, part, o + L + h);
                x02 = FloatVector.fromArray(S, part, o + 2 * L + h);
                x10 = FloatVector.fromArray(S, part, o + 3 * L + h);
                x11 = FloatVector.fromArray(S, part, o + 4 * L + h);
                x12 = FloatVector.fromArray(S, part, o + 5 * L + h);
                x20 = FloatVector.fromArray(S, part, o + 6 * L + h);
                x21 = FloatVector.fromArray(S, part, o + 7 * L + h);
                x22 = FloatVector.fromArray(S, part, o + 8 * L + h);
            }
            for (int q = q0 + h; q < q1; q += L) {
                FloatVector u = FloatVector.fromArray(S, b, b0 + q);
                FloatVector w = FloatVector.fromArray(S, b, b0 + 1 + q);
                FloatVector y = FloatVector.fromArray(S, b, b0 + 2 + q);
                FloatVector v = FloatVector.fromArray(S, a, a0 + q);
                x00 = v.fma(u, x00);
                x01 = v.fma(w, x01);
                x02 = v.fma(y, x02);
                v = FloatVector.fromArray(S, a, a1 + q);
                x10 = v.fma(u, x10);
                x11 = v.fma(w, x11);
                x12 = v.fma(y, x12);
                v = FloatVector.fromArray(S, a, a2 + q);
                x20 = v.fma(u, x20);
                x21 = v.fma(w, x21);
                x22 = v.fma(y, x22);
            }
            x00.intoArray(part, o + h);
            x01.intoArray(part, o + L + h);
            x02.intoArray(part, o + 2 * L + h);
            x10.intoArray(part, o + 3 * L + h);
            x11.intoArray(part, o + 4 * L + h);
            x12.intoArray(part, o + 5 * L + h);
            x20.intoArray(part, o + 6 * L + h);
            x21.intoArray(part, o + 7 * L + h);
            x22.intoArray(part, o + 8 * L + h);
        }
    }

    /** Σ a·b over [0, p): 16 logical lanes over [0, pv) (G passes of V lanes), added from lane 0, then the tail. */
    private static float dot(int p, int pv, float[] a, int ai, float[] b, int bj, float[] lanes) {
        for (int g = 0; g < G; g++) {
            FloatVector acc = FloatVector.zero(S);
            for (int q = g * V; q < pv; q += L) {
                acc = FloatVector.fromArray(S, a, ai + q).fma(FloatVector.fromArray(S, b, bj + q), acc);
            }
            acc.intoArray(lanes, g * V);
        }
        float s = VectorOps.sumLogicalLanes(lanes, 0);
        for (int q = pv; q < p; q++) {
            s = Math.fma(a[ai + q], b[bj + q], s);
        }
        return s;
    }

    private static void dots4x4(int i, int j, int p, int pv, float[] a, int aOff, int lda, float[] b,
            int[] rows, float[] c, int cOff, int ldc, boolean acc, float[] lanes) {
        int a0 = aOff + i * lda;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int b0 = rows[j];
        int b1 = rows[j + 1];
        int b2 = rows[j + 2];
        int b3 = rows[j + 3];
        float[] t = lanes;
        // G passes (one with AVX-512), pass g accumulating logical lanes g·V … g·V + V − 1 of all sixteen dot products.
        for (int g = 0; g < G; g++) {
            FloatVector x00 = FloatVector.zero(S);
            FloatVector x01 = x00;
            FloatVector x02 = x00;
            FloatVector x03 = x00;
            FloatVector x10 = x00;
            FloatVector x11 = x00;
            FloatVector x12 = x00;
            FloatVector x13 = x00;
            FloatVector x20 = x00;
            FloatVector x21 = x00;
            FloatVector x22 = x00;
            FloatVector x23 = x00;
            FloatVector x30 = x00;
            FloatVector x31 = x00;
            FloatVector x32 = x00;
            FloatVector x33 = x00;
            for (int q = g * V; q < pv; q += L) {
                FloatVector u = FloatVector.fromArray(S, b, b0 + q);
                FloatVector w = FloatVector.fromArray(S, b, b1 + q);
                FloatVector y = FloatVector.fromArray(S, b, b2 + q);
                FloatVector z = FloatVector.fromArray(S, b, b3 + q);
                FloatVector v = FloatVector.fromArray(S, a, a0 + q);
                x00 = v.fma(u, x00);
                x01 = v.fma(w, x01);
                x02 = v.fma(y, x02);
                x03 = v.fma(z, x03);
                v = FloatVector.fromArray(S, a, a1 + q);
                x10 = v.fma(u, x10);
                x11 = v.fma(w, x11);
                x12 = v.fma(y, x12);
                x13 = v.fma(z, x13);
                v = FloatVector.fromArray(S, a, a2 + q);
                x20 = v.fma(u, x20);
                x21 = v.fma(w, x21);
                x22 = v.fma(y, x22);
                x23 = v.fma(z, x23);
                v = FloatVector.fromArray(S, a, a3 + q);
                x30 = v.fma(u, x30);
                x31 = v.fma(w, x31);
                x32 = v.fma(y, x32);
                x33 = v.fma(z, x33);
            }
            x00.intoArray(t, g * V);
            x01.intoArray(t, 1 * L + g * V);
            x02.intoArray(t, 2 * L + g * V);
            x03.intoArray(t, 3 * L + g * V);
            x10.intoArray(t, 4 * L + g * V);
            x11.intoArray(t, 5 * L + g * V);
            x12.intoArray(t, 6 * L + g * V);
            x13.intoArray(t, 7 * L + g * V);
            x20.intoArray(t, 8 * L + g * V);
            x21.intoArray(t, 9 * L + g * V);
            x22.intoArray(t, 10 * L + g * V);
            x23.intoArray(t, 11 * L + g * V);
            x30.intoArray(t, 12 * L + g * V);
            x31.intoArray(t, 13 * L + g * V);
            x32.intoArray(t, 14 * L + g * V);
            x33.intoArray(t, 15 * L + g * V);
        }
        // Sixteen sums, each lane after lane from lane 0 (the order of VectorOps.sumLogicalLanes), interleaved so that
        // they run side by side instead of one after another.
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        float s8 = 0f, s9 = 0f, s10 = 0f, s11 = 0f, s12 = 0f, s13 = 0f, s14 = 0f, s15 = 0f;
        for (int l = 0; l < L; l++) {
            s0 += t[l];
            s1 += t[L + l];
            s2 += t[2 * L + l];
            s3 += t[3 * L + l];
            s4 += t[4 * L + l];
            s5 += t[5 * L + l];
            s6 += t[6 * L + l];
            s7 += t[7 * L + l];
            s8 += t[8 * L + l];
            s9 += t[9 * L + l];
            s10 += t[10 * L + l];
            s11 += t[11 * L + l];
            s12 += t[12 * L + l];
            s13 += t[13 * L + l];
            s14 += t[14 * L + l];
            s15 += t[15 * L + l];
        }
        finish(s0, i, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s1, i, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s2, i, j + 2, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s3, i, j + 3, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s4, i + 1, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s5, i + 1, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s6, i + 1, j + 2, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s7, i + 1, j + 3, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s8, i + 2, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s9, i + 2, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s10, i + 2, j + 2, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s11, i + 2, j + 3, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s12, i + 3, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s13, i + 3, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s14, i + 3, j + 2, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(s15, i + 3, j + 3, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
    }

    private static void dots4x2(int i, int j, int p, int pv, float[] a, int aOff, int lda, float[] b,
            int[] rows, float[] c, int cOff, int ldc, boolean acc, float[] lanes) {
        int a0 = aOff + i * lda;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int b0 = rows[j];
        int b1 = rows[j + 1];
        for (int g = 0; g < G; g++) {
            FloatVector x00 = FloatVector.zero(S);
            FloatVector x01 = x00;
            FloatVector x10 = x00;
            FloatVector x11 = x00;
            FloatVector x20 = x00;
            FloatVector x21 = x00;
            FloatVector x30 = x00;
            FloatVector x31 = x00;
            for (int q = g * V; q < pv; q += L) {
                FloatVector u = FloatVector.fromArray(S, b, b0 + q);
                FloatVector w = FloatVector.fromArray(S, b, b1 + q);
                FloatVector v = FloatVector.fromArray(S, a, a0 + q);
                x00 = v.fma(u, x00);
                x01 = v.fma(w, x01);
                v = FloatVector.fromArray(S, a, a1 + q);
                x10 = v.fma(u, x10);
                x11 = v.fma(w, x11);
                v = FloatVector.fromArray(S, a, a2 + q);
                x20 = v.fma(u, x20);
                x21 = v.fma(w, x21);
                v = FloatVector.fromArray(S, a, a3 + q);
                x30 = v.fma(u, x30);
                x31 = v.fma(w, x31);
            }
            x00.intoArray(lanes, 0 * L + g * V);
            x01.intoArray(lanes, 1 * L + g * V);
            x10.intoArray(lanes, 2 * L + g * V);
            x11.intoArray(lanes, 3 * L + g * V);
            x20.intoArray(lanes, 4 * L + g * V);
            x21.intoArray(lanes, 5 * L + g * V);
            x30.intoArray(lanes, 6 * L + g * V);
            x31.intoArray(lanes, 7 * L + g * V);
        }
        finish(VectorOps.sumLogicalLanes(lanes, 0 * L), i, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(VectorOps.sumLogicalLanes(lanes, 1 * L), i, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(VectorOps.sumLogicalLanes(lanes, 2 * L), i + 1, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(VectorOps.sumLogicalLanes(lanes, 3 * L), i + 1, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(VectorOps.sumLogicalLanes(lanes, 4 * L), i + 2, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(VectorOps.sumLogicalLanes(lanes, 5 * L), i + 2, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(VectorOps.sumLogicalLanes(lanes, 6 * L), i + 3, j, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
        finish(VectorOps.sumLogicalLanes(lanes, 7 * L), i + 3, j + 1, p, pv, a, aOff, lda, b, rows, c, cOff, ldc, acc);
    }

    /** Adds the scalar tail {@code [pv, p)} to a reduced dot product and stores it as C(r, s). */
    private static void finish(float sum, int r, int s, int p, int pv, float[] a, int aOff, int lda, float[] b,
            int[] rows, float[] c, int cOff, int ldc, boolean acc) {
        int ar = aOff + r * lda;
        int bs = rows[s];
        float t = sum;
        for (int q = pv; q < p; q++) {
            t = Math.fma(a[ar + q], b[bs + q], t);
        }
        c[cOff + r * ldc + s] = acc ? c[cOff + r * ldc + s] + t : t;
    }
}
