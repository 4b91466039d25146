package org.sde4j.nn.layers;

import java.util.Arrays;
import org.sde4j.nn.Gemm;

/**
 * A k × k convolution with stride s and zero padding p of {@code [C, N, H, W]} data, and its weight gradient,
 * without unfolding the input:
 *
 * <pre>    out[o, n, i, j] = Σ_{c,u,v} w[o, (c·k + u)·k + v] · in[c, n, s·i + u − p, s·j + v − p]      (zero outside)
 *    dw[o, (c·k + u)·k + v] = Σ_{n,i,j} dy[o, n, i, j] · in[c, n, s·i + u − p, s·j + v − p]</pre>
 *
 * <p><b>Shifted views.</b> Write {@code u − p = s·d(u) + a(u)} with {@code 0 ≤ a(u) < s}. The input is copied once,
 * per channel, into s² zero-padded <em>phase planes</em>: phase (a, b) holds {@code in[c, s·i' + a, s·j' + b]}
 * at row i', column j' (for stride 1 the single phase is the image itself). Rows have a common pitch, wide enough
 * that the zero columns after a row also serve as the zeros before the next one, and zero rows lie above and
 * below the images (see {@link Layout} for the two orders of rows). Then the input that tap (u, v) needs for
 * output position (i, j) is phase (a(u), a(v)) at (i + d(u), j + d(v)): in output coordinates t, the plane at
 * {@code t + d(u)·rowStep + d(v)}, a shifted view. So the unfolded matrix of the im2col method is never written;
 * its row {@code (c·k + u)·k + v} is a view, and one product over those row views ({@link Gemm#multiplyRows})
 * gives every output of a block of images at once, in padded coordinates, from which the image positions are
 * copied out. The padding positions of the result are computed and discarded: for a same-size 3 × 3 convolution
 * of the forward pass (pitch W + 1, rows of the block's images interleaved) 4 % of extra work at 28 × 28, 7 % at
 * 14 × 14 and 14 % at 7 × 7, which costs less than writing and reading k² copies of the input. The weight
 * gradient is the product of the output gradient, copied into the same output coordinates with zeros at the
 * padding positions, and the transposed views ({@link Gemm#multiplyTransposedRows}).
 *
 * <p><b>Bits.</b> Every output is the same chain of multiply–adds over (c, u, v) in the same order as from the
 * unfolded matrix and does not depend on how the images are split into blocks. The weight gradient sums over the
 * padded positions of each block (the zeros add nothing), blocks being split by shape alone. Both are therefore
 * deterministic whatever the thread count. This is the method of "implicit GEMM" convolutions (e.g. Chetlur et
 * al., "cuDNN: efficient primitives for deep learning", 2014), here on padded phase planes so that each view is
 * one offset.
 */
final class ShiftedConvolution {
    /** Output columns are computed in multiples of this (whole vector tiles, no kernel tails). */
    private static final int COLUMN_ALIGN = 32;
    /** Floats of phase planes and padded output a block aims to keep within L2 (512 KiB). */
    private static final int BLOCK_FLOATS = 128 * 1024;

    private final int k;
    private final int stride;
    private final int pad;
    /** a(u): the phase that tap u reads. */
    private final int[] phase;
    /** d(u): the shift, in phase rows or columns, of tap u. */
    private final int[] shift;
    private final int minShift;
    private final int maxShift;

    /**
     * @param k      the kernel size, at least 1
     * @param stride at least 1
     * @param pad    at least 0
     */
    ShiftedConvolution(int k, int stride, int pad) {
        Conv2d.require("k", k, 1);
        Conv2d.require("stride", stride, 1);
        Conv2d.require("pad", pad, 0);
        this.k = k;
        this.stride = stride;
        this.pad = pad;
        this.phase = new int[k];
        this.shift = new int[k];
        for (int u = 0; u < k; u++) {
            phase[u] = Math.floorMod(u - pad, stride);
            shift[u] = Math.floorDiv(u - pad, stride);
        }
        this.minShift = shift[0];
        this.maxShift = shift[k - 1];
    }

    /**
     * Writes images {@code [from, to)} of {@code out} ({@code [outC, n, oh, ow]}, overwritten) from the same
     * images of {@code in} ({@code [inC, n, h, w]}), {@code oh = (h + 2p − k)/s + 1} and likewise {@code ow}.
     *
     * @param weights {@code outC} rows of {@code inC·k·k} weights, row-major
     */
    void convolve(int inC, float[] in, int outC, float[] weights, float[] out, int n, int h, int w, int from,
            int to) {
        int kk = inC * k * k;
        forEachBlock(inC, in, outC, n, h, w, from, to, true, (g, b, result) -> {
            Layout l = b.layout;
            Gemm.multiplyRows(outC, l.columns, kk, weights, 0, kk, b.phases, b.views, result, 0, l.columns, false);
            int ohw = g.oh * g.ow;
            for (int o = 0; o < outC; o++) {
                for (int i = 0; i < b.images; i++) {
                    int src = o * l.columns + i * l.imageStep;
                    int dst = (o * n + b.first + i) * ohw;
                    for (int r = 0; r < g.oh; r++) {
                        System.arraycopy(result, src + r * l.rowStep, out, dst + r * g.ow, g.ow);
                    }
                }
            }
        });
    }

    /**
     * Writes into {@code dw} ({@code outC} rows of {@code inC·k·k}, overwritten) the weight gradient of images
     * {@code [from, to)}, given the input {@code in} ({@code [inC, n, h, w]}) and the output gradient {@code dy}
     * ({@code [outC, n, oh, ow]}).
     */
    void weightGradient(int inC, float[] in, int outC, float[] dy, float[] dw, int n, int h, int w, int from,
            int to) {
        int kk = inC * k * k;
        forEachBlock(inC, in, outC, n, h, w, from, to, false, (g, b, gradient) -> {
            Layout l = b.layout;
            l.placeOutputs(outC, dy, n, b.first, gradient);
            boolean accumulate = b.first > from;
            if (Gemm.VECTOR) {
                Gemm.multiplyTransposedRows(outC, kk, l.columns, gradient, 0, l.columns, b.phases, b.views, dw, 0,
                        kk, null, accumulate);
                return;
            }
            // The scalar kernel transposes the views first: in pieces of the contraction that stay in cache.
            float[] transposed = Conv2d.scratch(TRANSPOSED, kk * SCALAR_PIECE);
            int[] shifted = new int[kk];
            for (int q0 = 0; q0 < l.columns; q0 += SCALAR_PIECE) {
                int piece = Math.min(SCALAR_PIECE, l.columns - q0);
                for (int r = 0; r < kk; r++) {
                    shifted[r] = b.views[r] + q0;
                }
                Gemm.multiplyTransposedRows(outC, kk, piece, gradient, q0, l.columns, b.phases, shifted, dw, 0, kk,
                        transposed, accumulate || q0 > 0);
            }
        });
    }

    /** A block of images spread into phase planes: images {@code [first, first + images)}. */
    private record Block(int first, int images, Layout layout, float[] phases, int[] views) {
    }

    /** What is done with each block: {@code outputs} is a per-thread buffer of {@code outC} rows of its columns. */
    @FunctionalInterface
    private interface BlockBody {
        void accept(Geometry g, Block b, float[] outputs);
    }

    /**
     * Splits images {@code [from, to)} into blocks sized by shape alone, spreads each block's input into the phase
     * planes (with interleaved rows if {@code interleaved}, see {@link Layout}) and hands it to {@code body}.
     */
    private void forEachBlock(int inC, float[] in, int outC, int n, int h, int w, int from, int to,
            boolean interleaved, BlockBody body) {
        Geometry g = new Geometry(h, w);
        int block = g.imagesPerBlock(inC, outC, to - from);
        for (int b0 = from; b0 < to; b0 += block) {
            int images = Math.min(block, to - b0);
            Layout l = new Layout(g, images, interleaved);
            float[] phases = Conv2d.scratch(PHASES, inC * stride * stride * l.plane);
            l.spread(inC, in, n, b0, phases);
            body.accept(g, new Block(b0, images, l, phases, l.views(inC)), Conv2d.scratch(RESULT, outC * l.columns));
        }
    }

    /** Columns of the contraction the scalar weight-gradient kernel transposes at a time. */
    private static final int SCALAR_PIECE = 256;

    /** The shapes of h × w input images and their oh × ow outputs, and the pitch of their padded rows. */
    private final class Geometry {
        final int h;
        final int w;
        final int oh;
        final int ow;
        /** Distance between the starts of two row segments. */
        final int pitch;
        /** Most rows and columns of a phase: phase a holds input rows a, a + s, … below h. */
        final int tallest;
        final int widest;
        /** Whether some tap reads phase a (of rows, and of columns: the kernel is square). */
        final boolean[] used;

        Geometry(int h, int w) {
            this.h = h;
            this.w = w;
            if (h + 2 * pad < k || w + 2 * pad < k) {
                throw new IllegalArgumentException("input " + h + "×" + w + " with padding " + pad
                        + ": smaller than the kernel " + k);
            }
            this.oh = (h + 2 * pad - k) / stride + 1;
            this.ow = (w + 2 * pad - k) / stride + 1;
            this.used = new boolean[stride];
            for (int u = 0; u < k; u++) {
                used[phase[u]] = true;
            }
            int wide = 0;
            int tall = 0;
            for (int a = 0; a < stride; a++) {
                wide = Math.max(wide, (w - a + stride - 1) / stride);
                tall = Math.max(tall, (h - a + stride - 1) / stride);
            }
            this.widest = wide;
            this.tallest = tall;
            // Zeros after a row segment's data must reach the last view of its last output (out + maxShift), and
            // they must also cover the first view of the next segment's first output (minShift ≤ 0).
            this.pitch = Math.max(ow + Math.max(0, maxShift), widest - minShift);
        }

        /** Images per block: its phase planes and padded output within {@link #BLOCK_FLOATS}, at least 1. */
        int imagesPerBlock(int inC, int outC, int images) {
            int imageStride = Math.max(oh + Math.max(0, maxShift), tallest - minShift) * pitch;
            int perImage = (inC * usedPhases() * usedPhases() + outC) * imageStride;
            return Math.max(1, Math.min(images, BLOCK_FLOATS / perImage));
        }

        private int usedPhases() {
            int count = 0;
            for (boolean b : used) {
                count += b ? 1 : 0;
            }
            return count;
        }
    }

    /**
     * Where a block's rows lie in its phase planes and in its padded output. Every row of every image is a
     * segment of {@code pitch} positions: its data, then zeros that serve as the zero columns after it and
     * before the next segment. Row r of image i starts at {@code lead + r·rowStep + i·imageStep}:
     * <ul>
     * <li><b>image after image</b> ({@code imageStep} = rows per image × pitch, {@code rowStep = pitch}): each
     * image is followed by zero rows, which serve as those after it and above the next, so a 3 × 3 same-size
     * convolution computes (h + 1)(w + 1) positions per image;</li>
     * <li><b>interleaved rows</b> ({@code imageStep = pitch}, {@code rowStep} = images × pitch): row r of every
     * image, then row r + 1 of every image. Zero rows are needed only above and below the whole block, so it
     * computes h(w + 1) positions per image: 14 % extra work at 7 × 7 instead of 31 %.</li>
     * </ul>
     * A view shifted by d rows and e columns is then one offset, {@code d·rowStep + e}, in either layout. Each
     * output is the same chain of multiply–adds in both, but a weight-gradient sum runs over the positions in
     * their order, so the layout of each product is fixed: the forward products (the outputs, and the input
     * gradient of a same-size convolution) use interleaved rows, the weight gradient image after image.
     */
    private final class Layout {
        final Geometry g;
        final int images;
        final boolean interleaved;
        final int rowStep;
        final int imageStep;
        /** Position of the first image's first output: room for the views above and to the left. */
        final int lead;
        /** Output positions computed: from the first output to the last, rounded up. */
        final int columns;
        /** Length of one phase plane: the images, and every view of every computed column. */
        final int plane;

        Layout(Geometry g, int images, boolean interleaved) {
            this.g = g;
            this.images = images;
            this.interleaved = interleaved;
            int reach = Math.max(0, maxShift);
            if (interleaved) {
                imageStep = g.pitch;
                rowStep = images * g.pitch;
            } else {
                rowStep = g.pitch;
                imageStep = Math.max(g.oh + reach, g.tallest - minShift) * g.pitch;
            }
            lead = -minShift * rowStep - minShift;
            int span = (g.oh - 1) * rowStep + (images - 1) * imageStep + g.ow;
            columns = (span + COLUMN_ALIGN - 1) / COLUMN_ALIGN * COLUMN_ALIGN;
            int data = interleaved ? g.tallest * rowStep : images * imageStep;
            plane = lead + Math.max(data, columns + reach * (rowStep + 1));
        }

        /** Offsets of the k² views of each of {@code channels}' phase planes, in the weights' order (c, u, v). */
        int[] views(int channels) {
            int[] rows = new int[channels * k * k];
            for (int c = 0; c < channels; c++) {
                for (int u = 0; u < k; u++) {
                    for (int v = 0; v < k; v++) {
                        int planeIndex = (c * stride + phase[u]) * stride + phase[v];
                        rows[(c * k + u) * k + v] = planeIndex * plane + lead + shift[u] * rowStep + shift[v];
                    }
                }
            }
            return rows;
        }

        /**
         * Copies images {@code [b0, b0 + images)} of the {@code [channels, n, h, w]} input into the phase planes
         * that some tap reads, zeros everywhere else in them. (Planes no tap reads are left as they are.)
         */
        void spread(int channels, float[] src, int n, int b0, float[] dst) {
            int h = g.h;
            int w = g.w;
            for (int c = 0; c < channels; c++) {
                for (int a = 0; a < stride; a++) {
                    for (int b = 0; b < stride; b++) {
                        if (!g.used[a] || !g.used[b]) {
                            continue;
                        }
                        int base = ((c * stride + a) * stride + b) * plane;
                        int rows = (h - a + stride - 1) / stride;
                        int cols = (w - b + stride - 1) / stride;
                        int first = (c * n + b0) * h * w + a * w + b;
                        int end = place(src, first, h * w, stride * w, stride, dst, base + lead, rows, cols, base);
                        Arrays.fill(dst, end, base + plane, 0f);
                    }
                }
            }
        }

        /**
         * Copies images {@code [b0, b0 + images)} of the {@code [channels, n, oh, ow]} output-shaped data into
         * {@code dst} at their output positions (channel c's row of {@link #columns}), zeros everywhere else.
         */
        void placeOutputs(int channels, float[] src, int n, int b0, float[] dst) {
            int ohw = g.oh * g.ow;
            for (int c = 0; c < channels; c++) {
                int row = c * columns;
                int end = place(src, (c * n + b0) * ohw, ohw, g.ow, 1, dst, row, g.oh, g.ow, row);
                Arrays.fill(dst, end, row + columns, 0f);
            }
        }

        /**
         * Copies {@code rows} rows of {@code cols} values of each image (image i's row r, column j at
         * {@code from + i·srcImage + r·srcRow + j·step} of {@code src}) to their segments at
         * {@code at + r·rowStep + i·imageStep + j} of {@code dst}, in increasing positions, and writes zeros from
         * {@code cursor} up to each segment: every position is written once.
         *
         * @return the position after the last segment, where the trailing zeros start
         */
        private int place(float[] src, int from, int srcImage, int srcRow, int step, float[] dst, int at, int rows,
                int cols, int cursor) {
            int outer = interleaved ? rows : images;
            int inner = interleaved ? images : rows;
            for (int p = 0; p < outer; p++) {
                for (int q = 0; q < inner; q++) {
                    int r = interleaved ? p : q;
                    int i = interleaved ? q : p;
                    int to = at + r * rowStep + i * imageStep;
                    Arrays.fill(dst, cursor, to, 0f);
                    int row = from + i * srcImage + r * srcRow;
                    if (step == 1) {
                        System.arraycopy(src, row, dst, to, cols);
                    } else {
                        for (int j = 0; j < cols; j++) {
                            dst[to + j] = src[row + step * j];
                        }
                    }
                    cursor = to + cols;
                }
            }
            return cursor;
        }
    }

    private static final ThreadLocal<float[]> PHASES = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> RESULT = ThreadLocal.withInitial(() -> new float[0]);
    private static final ThreadLocal<float[]> TRANSPOSED = ThreadLocal.withInitial(() -> new float[0]);
}
