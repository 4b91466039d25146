package org.sde4j.nn.layers;

import java.util.Arrays;
import org.sde4j.nn.Gemm;
import org.sde4j.nn.Scratch;

/**
 * A k × k convolution with stride s and zero padding p of {@code [C, N, H, W]} data, and its weight gradient,
 * without unfolding the input:
 *
 * <pre>    out[o, n, i, j] = Σ_{c,u,v} w[o, (c·k + u)·k + v] · in[c, n, s·i + u − p, s·j + v − p]      (zero outside)
 *    dw[o, (c·k + u)·k + v] = Σ_{n,i,j} dy[o, n, i, j] · in[c, n, s·i + u − p, s·j + v − p]</pre>
 *
 * <p><b>Shifted views.</b> Write {@code u − p = s·d(u) + a(u)} with {@code 0 ≤ a(u) < s}. The input is copied once,
 * per channel, into s² zero-padded <em>phase planes</em>: phase (a, b) holds {@code in[c, s·i' + a, s·j' + b]}
 * at row i', column j' (for stride 1 the single phase is the image itself). Rows have a common pitch and images
 * follow one another with zero rows between them, wide enough that the zero columns after a row also serve as
 * the zeros before the next one, and the zero rows after an image as the zeros above the next. Then the input
 * that tap (u, v) needs for output position (i, j) is phase (a(u), a(v)) at (i + d(u), j + d(v)): in output
 * coordinates t, the plane at {@code t + d(u)·pitch + d(v)}, a shifted view. So the unfolded matrix of the im2col
 * method is never written; its row {@code (c·k + u)·k + v} is a view, and one product over those row views
 * ({@link Gemm#multiplyRows}) gives every output of a block of images at once, in padded coordinates, from which
 * the image positions are copied out. The padding positions of the result are computed and discarded: for a
 * same-size 3 × 3 convolution (pitch W + 1, H + 1 rows per image) 7 % of extra work at 28 × 28, 15 % at 14 × 14
 * and 31 % at 7 × 7, which costs less than writing and reading k² copies of the input. The weight gradient is
 * the product of the output gradient, copied into the same output coordinates with zeros at the padding
 * positions, and the transposed views ({@link Gemm#multiplyTransposedRows}). In the backward pass of a same-size
 * convolution ({@link #sameSizeBackward}) that copy is the phase plane of the output gradient that its input
 * gradient (a convolution of the output gradient) spreads anyway, so each block of it is copied once.
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
    /**
     * Floats of phase planes and padded output a block aims to keep within L2 (1 MiB, a Zen 4 or Zen 5 core's L2).
     * Was 512 KiB; at 1 MiB a parallel chunk of eight 28 × 28 images of 16 channels is one block instead of two,
     * which made a resnet20 16/32/64 step about 5 % shorter on the Zen 5 (docs/benchmarks.md, issue 33). Blocks
     * of a chunk add their weight gradients one after another, so this changes the bits of those gradients.
     */
    private static final int BLOCK_FLOATS = 256 * 1024;

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
        forEachBlock(inC, in, outC, n, h, w, from, to, Scratch.Slot.CONV_RESULT, (g, b, result) -> {
            Gemm.multiplyRows(outC, b.columns, kk, weights, 0, kk, b.phases, b.views, result, 0, b.columns, false);
            g.takeOutputs(outC, result, b.columns, out, n, b.first, b.images);
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
        forEachBlock(inC, in, outC, n, h, w, from, to, Scratch.Slot.CONV_GRADIENTS, (g, b, gradient) -> {
            copyOnce(Scratch.Slot.CONV_GRADIENTS, new Layout(k, stride, pad, h, w, outC, b.images),
                    zeros -> g.placeOutputs(outC, dy, n, b.first, b.images, gradient, b.columns, zeros));
            weightGradientProduct(outC, kk, b.columns, gradient, 0, b.columns, b, dw, b.first > from);
        });
    }

    /**
     * For a same-size convolution (stride 1, {@code 2p = k − 1}, so the output has the input's size): what
     * {@link #weightGradient}{@code (inC, in, outC, dy, dw, …)} and {@link #convolve}{@code (outC, dy, inC, flipped,
     * dx, …)} write, to the same bits, with each block of {@code dy} copied into padded planes once instead of twice.
     * The input gradient spreads dy into phase planes; with stride 1 a plane holds dy at the padded output positions
     * of the weight gradient (offset by the lead), with zeros everywhere else, so the weight gradient reads it there
     * instead of from a copy of its own. The blocks are those of both methods (their sizes depend on {@code inC + outC}
     * only).
     *
     * @param flipped {@code inC} rows of {@code outC·k·k} weights: the flipped, transposed kernels
     */
    void sameSizeBackward(int inC, float[] in, int outC, float[] dy, float[] flipped, float[] dw, float[] dx, int n,
            int h, int w, int from, int to) {
        if (stride != 1 || 2 * pad != k - 1) {
            throw new IllegalStateException("k = " + k + ", stride " + stride + ", padding " + pad
                    + ": not a same-size convolution");
        }
        int kkIn = inC * k * k;
        int kkOut = outC * k * k;
        forEachBlock(outC, dy, inC, n, h, w, from, to, Scratch.Slot.CONV_RESULT, (g, gradients, result) -> {
            Block b = spreadBlock(Scratch.Slot.CONV_INPUT_PHASES, g, inC, in, n, gradients.first, gradients.images);
            weightGradientProduct(outC, kkIn, b.columns, gradients.phases, g.lead, gradients.plane, b, dw,
                    b.first > from);
            Gemm.multiplyRows(inC, b.columns, kkOut, flipped, 0, kkOut, gradients.phases, gradients.views, result, 0,
                    b.columns, false);
            g.takeOutputs(inC, result, b.columns, dx, n, b.first, b.images);
        });
    }

    /**
     * {@code dw ← (accumulate ? dw : 0) + G · Vᵀ}: the weight gradient of a block, G being {@code outC} rows of the
     * block's columns of output gradients in padded output coordinates (row o at {@code gradient[gOff + o·ldg]}) and
     * V the {@code kk} views of its phase planes.
     */
    private static void weightGradientProduct(int outC, int kk, int columns, float[] gradient, int gOff, int ldg,
            Block b, float[] dw, boolean accumulate) {
        if (Gemm.VECTOR) {
            Gemm.multiplyTransposedRows(outC, kk, columns, gradient, gOff, ldg, b.phases, b.views, dw, 0, kk, null,
                    accumulate);
            return;
        }
        // The scalar kernel transposes the views first: in pieces of the contraction that stay in cache.
        float[] transposed = Scratch.floats(Scratch.Slot.CONV_TRANSPOSED, kk * SCALAR_PIECE);
        int[] shifted = new int[kk];
        for (int q0 = 0; q0 < columns; q0 += SCALAR_PIECE) {
            int piece = Math.min(SCALAR_PIECE, columns - q0);
            for (int r = 0; r < kk; r++) {
                shifted[r] = b.views[r] + q0;
            }
            Gemm.multiplyTransposedRows(outC, kk, piece, gradient, gOff + q0, ldg, b.phases, shifted, dw, 0, kk,
                    transposed, accumulate || q0 > 0);
        }
    }

    /** The view offsets last computed, with what they depend on; immutable, so threads may share it. */
    private record Views(int h, int w, int channels, int plane, int[] rows) {
    }

    /** The last views any thread computed: successive blocks of a layer mostly have the same. */
    private volatile Views lastViews;

    /** {@link Geometry#views}, computed again only when the shape differs from the last call's. */
    private int[] views(Geometry g, int channels, int plane) {
        Views last = lastViews;
        if (last != null && last.h == g.h && last.w == g.w && last.channels == channels && last.plane == plane) {
            return last.rows;
        }
        int[] rows = g.views(channels, plane);
        lastViews = new Views(g.h, g.w, channels, plane, rows);
        return rows;
    }

    /**
     * A block of images spread into phase planes: images {@code [first, first + images)}, {@code columns} output
     * positions, planes of {@code plane} floats.
     */
    private record Block(int first, int images, int columns, int plane, float[] phases, int[] views) {
    }

    /**
     * What is done with each block: {@code outputs} is a per-thread buffer (of the pool given to
     * {@link #forEachBlock}) of {@code outC} rows of its columns.
     */
    @FunctionalInterface
    private interface BlockBody {
        void accept(Geometry g, Block b, float[] outputs);
    }

    /**
     * Splits images {@code [from, to)} into blocks sized by shape alone, spreads each block's input into the phase
     * planes and hands it to {@code body}, with a buffer of {@code outputs} for {@code outC} rows of its columns.
     */
    private void forEachBlock(int inC, float[] in, int outC, int n, int h, int w, int from, int to,
            Scratch.Slot outputs, BlockBody body) {
        Geometry g = new Geometry(h, w);
        int block = g.imagesPerBlock(inC, outC, to - from);
        for (int b0 = from; b0 < to; b0 += block) {
            Block b = spreadBlock(Scratch.Slot.CONV_PHASES, g, inC, in, n, b0, Math.min(block, to - b0));
            body.accept(g, b, Scratch.floats(outputs, outC * b.columns));
        }
    }

    /**
     * Spreads images {@code [first, first + images)} of {@code in} into the phase planes of the thread's buffer
     * {@code slot}.
     */
    private Block spreadBlock(Scratch.Slot slot, Geometry g, int channels, float[] in, int n, int first, int images) {
        int plane = g.plane(images);
        float[] phases = Scratch.floats(slot, channels * stride * stride * plane);
        copyOnce(slot, new Layout(k, stride, pad, g.h, g.w, channels, images),
                zeros -> g.spread(channels, in, n, first, images, phases, plane, zeros));
        return new Block(first, images, g.columns(images), plane, phases, views(g, channels, plane));
    }

    /**
     * What a thread's phase-plane buffer last received from a complete {@link Geometry#spread}, or its
     * output-gradient buffer from a complete {@link Geometry#placeOutputs}: the shape that fixes which of its
     * positions hold data and which hold zeros, kept as the buffer's {@link Scratch#tag} (a new buffer has none, so
     * the record always speaks of the buffer in hand). Data of the same
     * layout in the same buffer go to the same positions, and the zeros around them are still in place: only
     * these copies write into those buffers, and every convolution of the thread shares them, so the layout
     * names the convolution's k, stride and padding too. Skipping the zeros saves about 1 % of a resnet20
     * 16/32/64 training step.
     */
    private record Layout(int k, int stride, int pad, int h, int w, int channels, int images) {
    }

    /** A copy into a padded buffer that writes the zeros around its data when told to. */
    @FunctionalInterface
    private interface PaddedCopy {
        void run(boolean zeros);
    }

    /**
     * Runs {@code copy}, writing the zeros only when the buffer's tag does not say that {@code layout}'s zeros are
     * already in its buffer, then records that they are. While the copy runs nothing is recorded, so a copy cut
     * short leaves no false record behind.
     */
    private static void copyOnce(Scratch.Slot buffer, Layout layout, PaddedCopy copy) {
        boolean zerosInPlace = layout.equals(Scratch.tag(buffer));
        Scratch.tag(buffer, null);
        copy.run(!zerosInPlace);
        Scratch.tag(buffer, layout);
    }

    /** Columns of the contraction the scalar weight-gradient kernel transposes at a time. */
    private static final int SCALAR_PIECE = 256;

    /** The padded layout of blocks of h × w input images and their oh × ow outputs. */
    private final class Geometry {
        final int h;
        final int w;
        final int oh;
        final int ow;
        /** Rows and columns of each phase: phase a holds input rows a, a + s, … below h. */
        final int[] phaseSize;
        /** Distance between rows. */
        final int pitch;
        /** Distance between images. */
        final int imageStride;
        /** Position of the first image's first output in a plane: room for the views above and to the left. */
        final int lead;
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
            this.phaseSize = new int[stride];
            this.used = new boolean[stride];
            for (int u = 0; u < k; u++) {
                used[phase[u]] = true;
            }
            // Zeros after the data must reach the last view of the last output (out + maxShift), and the zeros
            // before the next row or image must cover the first view of the first output (minShift ≤ 0).
            int widest = 0;
            int tallest = 0;
            for (int a = 0; a < stride; a++) {
                widest = Math.max(widest, (w - a + stride - 1) / stride);
                tallest = Math.max(tallest, (h - a + stride - 1) / stride);
            }
            this.pitch = Math.max(ow + Math.max(0, maxShift), widest - minShift);
            this.imageStride = Math.max(oh + Math.max(0, maxShift), tallest - minShift) * pitch;
            this.lead = -minShift * pitch - minShift;
        }

        /** Images per block: its phase planes and padded output within {@link #BLOCK_FLOATS}, at least 1. */
        int imagesPerBlock(int inC, int outC, int images) {
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

        /** Output positions computed for a block: from its first output to its last, rounded up. */
        int columns(int images) {
            int span = (images - 1) * imageStride + (oh - 1) * pitch + ow;
            return (span + COLUMN_ALIGN - 1) / COLUMN_ALIGN * COLUMN_ALIGN;
        }

        /** Length of one phase plane: the images, and every view of every computed column. */
        int plane(int images) {
            return lead + Math.max(images * imageStride, columns(images) + Math.max(0, maxShift) * (pitch + 1));
        }

        /** Offsets of the k² views of each of {@code channels}' phase planes, in the weights' order (c, u, v). */
        int[] views(int channels, int plane) {
            int[] rows = new int[channels * k * k];
            for (int c = 0; c < channels; c++) {
                for (int u = 0; u < k; u++) {
                    for (int v = 0; v < k; v++) {
                        int planeIndex = (c * stride + phase[u]) * stride + phase[v];
                        rows[(c * k + u) * k + v] = planeIndex * plane + lead + shift[u] * pitch + shift[v];
                    }
                }
            }
            return rows;
        }

        /**
         * Copies images {@code [b0, b0 + images)} of the {@code [channels, n, h, w]} input into the phase planes
         * that some tap reads, and, when {@code zeros}, zeros everywhere else in them (without, the zeros must be
         * there from a spread of the same layout). Planes no tap reads are left as they are.
         */
        void spread(int channels, float[] src, int n, int b0, int images, float[] dst, int plane, boolean zeros) {
            for (int c = 0; c < channels; c++) {
                for (int a = 0; a < stride; a++) {
                    for (int b = 0; b < stride; b++) {
                        if (!used[a] || !used[b]) {
                            continue;
                        }
                        int base = ((c * stride + a) * stride + b) * plane;
                        int rows = (h - a + stride - 1) / stride;
                        int cols = (w - b + stride - 1) / stride;
                        int cursor = zeros ? base : -1;
                        for (int i = 0; i < images; i++) {
                            int image = (c * n + b0 + i) * h * w;
                            cursor = placeRows(src, image + a * w + b, stride * w, stride, dst,
                                    base + lead + i * imageStride, rows, cols, cursor);
                        }
                        if (zeros) {
                            Arrays.fill(dst, cursor, base + plane, 0f);
                        }
                    }
                }
            }
        }

        /**
         * Copies the outputs of images {@code [b0, b0 + images)} from {@code result} ({@code channels} rows of
         * {@code length} padded output positions) into {@code out} ({@code [channels, n, oh, ow]}).
         */
        void takeOutputs(int channels, float[] result, int length, float[] out, int n, int b0, int images) {
            int ohw = oh * ow;
            for (int c = 0; c < channels; c++) {
                for (int i = 0; i < images; i++) {
                    int src = c * length + i * imageStride;
                    int dst = (c * n + b0 + i) * ohw;
                    for (int r = 0; r < oh; r++) {
                        System.arraycopy(result, src + r * pitch, out, dst + r * ow, ow);
                    }
                }
            }
        }

        /**
         * Copies images {@code [b0, b0 + images)} of the {@code [channels, n, oh, ow]} output-shaped data into
         * {@code dst} at their output positions (channel c's row of {@code length}), and, when {@code zeros}, zeros
         * everywhere else (without, the zeros must be there from a placing of the same layout).
         */
        void placeOutputs(int channels, float[] src, int n, int b0, int images, float[] dst, int length,
                boolean zeros) {
            for (int c = 0; c < channels; c++) {
                int cursor = zeros ? c * length : -1;
                for (int i = 0; i < images; i++) {
                    cursor = placeRows(src, (c * n + b0 + i) * oh * ow, ow, 1, dst, c * length + i * imageStride, oh,
                            ow, cursor);
                }
                if (zeros) {
                    Arrays.fill(dst, cursor, (c + 1) * length, 0f);
                }
            }
        }

        /**
         * Copies {@code rows} rows of {@code cols} values of {@code src} (row r, column j at
         * {@code from + r·srcPitch + j·step}) to {@code dst} at {@code at + r·pitch + j}, and writes zeros from
         * {@code cursor} up to each row: every position is written once. Rows must lie after {@code cursor}; a
         * negative {@code cursor} writes no zeros.
         *
         * @return the position after the last row, where the next zeros start (negative when none are written)
         */
        private int placeRows(float[] src, int from, int srcPitch, int step, float[] dst, int at, int rows, int cols,
                int cursor) {
            boolean zeros = cursor >= 0;
            for (int r = 0; r < rows; r++) {
                int to = at + r * pitch;
                if (zeros) {
                    Arrays.fill(dst, cursor, to, 0f);
                }
                int row = from + r * srcPitch;
                if (step == 1) {
                    System.arraycopy(src, row, dst, to, cols);
                } else {
                    for (int j = 0; j < cols; j++) {
                        dst[to + j] = src[row + step * j];
                    }
                }
                cursor = zeros ? to + cols : -1;
            }
            return cursor;
        }
    }

}
