package org.sde4j.nn.layers;

import java.util.Arrays;
import org.sde4j.nn.Gemm;

/**
 * A same-size k × k convolution (stride 1, padding p = (k − 1)/2, k odd) of {@code [C, N, H, W]} data and its
 * weight gradient, without unfolding the input:
 *
 * <pre>    out[o, n, i, j] = Σ_{c,u,v} w[o, (c·k + u)·k + v] · in[c, n, i + u − p, j + v − p]      (zero outside)
 *    dw[o, (c·k + u)·k + v] += Σ_{n,i,j} dy[o, n, i, j] · in[c, n, i + u − p, j + v − p]</pre>
 *
 * <p>A block of images is copied once per channel into a zero-padded plane whose rows have a pitch of
 * {@code W + p} and whose images are {@code H + p} rows apart; the p zero columns at the end of each row also
 * serve as the left padding of the next row, and the p zero rows after each image as the top padding of the
 * next. In that layout the input seen by tap (u, v) at output position t is the plane at
 * {@code t + (u − p)·pitch + (v − p)}: a shifted view. So the unfolded matrix of the im2col method is never
 * written; its row {@code (c·k + u)·k + v} is a view into channel c's plane, and one product over those row
 * views ({@link Gemm#multiplyRows}) gives every output of the block at once, in padded coordinates, from which
 * the image positions are copied out. The padding positions of the result are computed and discarded: a
 * fraction {@code (W + p)(H + p)/(W H) − 1} of extra work (7 % at 28 × 28, 15 % at 14 × 14, 31 % at 7 × 7)
 * that costs less than writing and reading k² copies of the input. The weight gradient is the product of the
 * output gradient, copied into the same padded coordinates with zeros at the padding positions, and the
 * transposed row views ({@link Gemm#multiplyTransposedRows}).
 *
 * <p>Every output is the same chain of multiply–adds over (c, u, v) in the same order as from the unfolded
 * matrix, and does not depend on how the images are split into blocks. The weight gradient's sums run over
 * the padded positions of a block (the zeros add nothing), blocks being split by shape alone. So both are
 * deterministic whatever the thread count. This is the method of "implicit GEMM" convolutions (e.g. Chetlur et
 * al., "cuDNN: efficient primitives for deep learning", 2014), here on a padded copy so that each view is one
 * offset.
 */
final class ShiftedConvolution {
    /** Output columns are computed in multiples of this (whole vector tiles, no kernel tails). */
    private static final int COLUMN_ALIGN = 32;
    /** Floats of padded input and padded output a block aims to keep within L2 (512 KiB). */
    private static final int BLOCK_FLOATS = 128 * 1024;

    private final int k;
    private final int pad;

    /** @param k the kernel size, odd */
    ShiftedConvolution(int k) {
        if (k % 2 == 0) {
            throw new IllegalArgumentException("k = " + k + ": a same-size convolution needs an odd kernel size");
        }
        this.k = k;
        this.pad = (k - 1) / 2;
    }

    /**
     * Writes images {@code [from, to)} of {@code out} ({@code [outC, n, h, w]}, overwritten) from the same
     * images of {@code in} ({@code [inC, n, h, w]}).
     *
     * @param weights {@code outC} rows of {@code inC·k·k} weights, row-major
     */
    void convolve(int inC, float[] in, int outC, float[] weights, float[] out, int n, int h, int w, int from,
            int to) {
        Geometry g = new Geometry(h, w);
        int kk = inC * k * k;
        int block = g.imagesPerBlock(inC + outC, to - from);
        for (int b0 = from; b0 < to; b0 += block) {
            int images = Math.min(block, to - b0);
            int columns = g.columns(images);
            int plane = g.plane(images);
            float[] padded = scratch(PADDED, inC * plane);
            float[] result = scratch(RESULT, outC * columns);
            g.pad(inC, in, n, b0, images, padded, g.lead, plane);
            Gemm.multiplyRows(outC, columns, kk, weights, 0, kk, padded, g.views(inC, plane), result, 0, columns,
                    false);
            for (int o = 0; o < outC; o++) {
                for (int i = 0; i < images; i++) {
                    int src = o * columns + i * g.imageStride;
                    int dst = (o * n + b0 + i) * h * w;
                    for (int r = 0; r < h; r++) {
                        System.arraycopy(result, src + r * g.pitch, out, dst + r * w, w);
                    }
                }
            }
        }
    }

    /**
     * {@code dw ← Σ} over images {@code [from, to)} of the weight gradient ({@code outC} rows of
     * {@code inC·k·k}), given the input {@code in} ({@code [inC, n, h, w]}) and the output gradient {@code dy}
     * ({@code [outC, n, h, w]}); {@code dw} is overwritten.
     */
    void weightGradient(int inC, float[] in, int outC, float[] dy, float[] dw, int n, int h, int w, int from,
            int to) {
        Geometry g = new Geometry(h, w);
        int kk = inC * k * k;
        int block = g.imagesPerBlock(inC + outC, to - from);
        for (int b0 = from; b0 < to; b0 += block) {
            int images = Math.min(block, to - b0);
            int columns = g.columns(images);
            int plane = g.plane(images);
            float[] padded = scratch(PADDED, inC * plane);
            float[] gradient = scratch(RESULT, outC * columns);
            g.pad(inC, in, n, b0, images, padded, g.lead, plane);
            g.pad(outC, dy, n, b0, images, gradient, 0, columns);
            Gemm.multiplyTransposedRows(outC, kk, columns, gradient, 0, columns, padded, g.views(inC, plane), dw,
                    0, kk, Gemm.VECTOR ? null : scratch(TRANSPOSED, kk * columns), b0 > from);
        }
    }

    /** The padded layout of blocks of h × w images. */
    private final class Geometry {
        final int h;
        final int w;
        /** Distance between rows. */
        final int pitch;
        /** Distance between images. */
        final int imageStride;
        /** Position of the first image's first pixel in a padded plane: room for the top-left views. */
        final int lead;

        Geometry(int h, int w) {
            this.h = h;
            this.w = w;
            this.pitch = w + pad;
            this.imageStride = (h + pad) * pitch;
            this.lead = pad * pitch + pad;
        }

        /** Images per block: the padded input and output of a block within {@link #BLOCK_FLOATS}, at least 1. */
        int imagesPerBlock(int channels, int images) {
            return Math.max(1, Math.min(images, BLOCK_FLOATS / (channels * imageStride)));
        }

        /** Output positions computed for a block: from its first pixel to its last, rounded up. */
        int columns(int images) {
            int span = (images - 1) * imageStride + (h - 1) * pitch + w;
            return (span + COLUMN_ALIGN - 1) / COLUMN_ALIGN * COLUMN_ALIGN;
        }

        /** Length of one channel's padded plane: the images, and every view of every computed column. */
        int plane(int images) {
            return lead + Math.max(images * imageStride, columns(images) + lead);
        }

        /** Offsets of the k² views of each of {@code channels} planes, in the weights' order (c, u, v). */
        int[] views(int channels, int plane) {
            int[] rows = new int[channels * k * k];
            for (int c = 0; c < channels; c++) {
                for (int u = 0; u < k; u++) {
                    for (int v = 0; v < k; v++) {
                        rows[(c * k + u) * k + v] = c * plane + lead + (u - pad) * pitch + (v - pad);
                    }
                }
            }
            return rows;
        }

        /**
         * Copies images {@code [b0, b0 + images)} of {@code [channels, n, h, w]} data into {@code dst}, channel
         * c's image i at {@code c·length + offset + i·imageStride}, zeros everywhere else in
         * {@code [0, channels·length)}.
         */
        void pad(int channels, float[] src, int n, int b0, int images, float[] dst, int offset, int length) {
            Arrays.fill(dst, 0, channels * length, 0f);
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < images; i++) {
                    int from = (c * n + b0 + i) * h * w;
                    int to = c * length + offset + i * imageStride;
                    for (int r = 0; r < h; r++) {
                        System.arraycopy(src, from + r * w, dst, to + r * pitch, w);
                    }
                }
            }
        }
    }

    private static final ThreadLocal<float[]> PADDED = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> RESULT = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[0]);

    /** A per-thread buffer shared by all same-size convolutions (each use is confined to one call). */
    private static float[] scratch(ThreadLocal<float[]> pool, int size) {
        float[] b = pool.get();
        if (b.length < size) {
            b = new float[size];
            pool.set(b);
        }
        return b;
    }
}
