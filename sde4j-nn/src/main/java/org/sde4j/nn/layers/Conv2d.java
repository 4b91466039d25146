package org.sde4j.nn.layers;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.nn.Gemm;
import org.sde4j.nn.Param;
import org.sde4j.nn.Parallel;
import org.sde4j.nn.Scratch;
import org.sde4j.nn.Tensor;

/**
 * 2-D convolution (cross-correlation, as in every framework) of {@code [C, N, H, W]} inputs, without bias:
 *
 * <pre>    y[o,n,i,j] = Σ_{c,u,v} w[o,c,u,v] · x[c, n, i·s − p + u, j·s − p + v]      (zero outside the image)</pre>
 *
 * <p>Output size {@code H' = (H + 2p − k) / s + 1}. The batch is split into fixed chunks of images, run in
 * parallel; a chunk's weight gradient is its own partial sum, and the partial sums are added in chunk order.
 *
 * <p>No convolution unfolds its input: {@link ShiftedConvolution} copies a block of images into zero-padded
 * planes (one per channel, or s² phase planes for stride s) and reads k² shifted views of them as the rows of
 * the product, so {@code Y = W · X̂} and {@code dW = dY · X̂ᵀ} without writing the unfolded matrix X̂. The input
 * gradient of a same-size convolution (stride 1, padding (k − 1)/2: every convolution of a ResNet block) is the
 * same-size convolution of dY with the flipped, transposed kernels {@code w'[c,o,u,v] = w[o,c,k−1−u,k−1−v]}, formed
 * block by block beside the weight gradient from the same padded copy of dY; that
 * of any other one is {@code col2im(Wᵀ · dY)}, in sub-blocks of a few images whose columns fit in L2
 * (per-thread scratch buffers).
 * Weights are He-normal initialised.
 */
public final class Conv2d implements Layer {
    private final int cin;
    private final int cout;
    private final int k;
    private final int stride;
    private final int pad;
    private final Param weight;
    private final float[][] partial = new float[Parallel.MAX_CHUNKS][];
    private Tensor x;
    private final boolean inputGradient;
    private Tensor y;
    private Tensor dx;
    private final float[] wT;
    private final Unfold unfold;
    private final float[] wFlip;
    /** The forward product and the weight gradient, on shifted views of the input. */
    private final ShiftedConvolution shifted;

    /**
     * @param name   parameter name prefix
     * @param cin    input channels
     * @param cout   output channels
     * @param k      kernel size (square)
     * @param stride stride, at least 1
     * @param pad    zero padding on each side, at least 0
     * @param rng    the stream for the He initialisation
     */
    public Conv2d(String name, int cin, int cout, int k, int stride, int pad, UniformRandomProvider rng) {
        this(name, cin, cout, k, stride, pad, rng, true);
    }

    /**
     * As {@link #Conv2d(String, int, int, int, int, int, UniformRandomProvider)}; with {@code inputGradient}
     * false (the first layer of a network, whose input is data) {@link #backward} computes only the weight
     * gradient and returns null.
     */
    public Conv2d(String name, int cin, int cout, int k, int stride, int pad, UniformRandomProvider rng,
            boolean inputGradient) {
        this.inputGradient = inputGradient;
        require("cin", cin, 1);
        require("cout", cout, 1);
        require("k", k, 1);
        require("stride", stride, 1);
        require("pad", pad, 0);
        this.cin = cin;
        this.cout = cout;
        this.k = k;
        this.stride = stride;
        this.pad = pad;
        this.weight = Param.of(name + ".weight", Tensor.zeros(cout, cin, k, k));
        Init.heNormal(weight.value(), cin * k * k, rng);
        this.wT = new float[cout * cin * k * k];
        this.wFlip = new float[cout * cin * k * k];
        this.unfold = new Unfold(k, stride, pad);
        this.shifted = new ShiftedConvolution(k, stride, pad);
    }

    /** A copy sharing {@code original}'s weight, with its own workspace (see {@link Layer#sharedCopy}). */
    private Conv2d(Conv2d original) {
        this.inputGradient = original.inputGradient;
        this.cin = original.cin;
        this.cout = original.cout;
        this.k = original.k;
        this.stride = original.stride;
        this.pad = original.pad;
        this.weight = original.weight;
        this.wT = new float[original.wT.length];
        this.wFlip = new float[original.wFlip.length];
        this.unfold = new Unfold(k, stride, pad);
        this.shifted = original.shifted;
    }

    @Override
    public void release() {
        x = null;
        y = null;
        dx = null;
    }

    @Override
    public Layer sharedCopy() {
        return new Conv2d(this);
    }

    static void require(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " = " + value + ": must be at least " + min);
        }
    }

    /** The weight, {@code [cout, cin, k, k]}. */
    public Param weight() {
        return weight;
    }

    @Override
    public List<Param> params() {
        return List.of(weight);
    }

    private int outSize(int size) {
        int o = (size + 2 * pad - k) / stride + 1;
        if (size + 2 * pad < k) {
            throw new IllegalArgumentException("input size " + size + " with padding " + pad
                    + ": smaller than the kernel " + k);
        }
        return o;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (input.rank() != 4 || input.dim(0) != cin) {
            throw new IllegalArgumentException("input " + input + ": must be [" + cin + ", N, H, W]");
        }
        this.x = input;
        int n = input.dim(1);
        int h = input.dim(2);
        int w = input.dim(3);
        int oh = outSize(h);
        int ow = outSize(w);
        y = Tensor.reuse(y, cout, n, oh, ow);
        int hw = oh * ow;
        float[] xd = input.data();
        float[] yd = y.data();
        float[] wd = weight.value().data();
        Parallel.current().forBlocks(n, imagesPerChunk(n, hw),
                (c, from, to) -> shifted.convolve(cin, xd, cout, wd, yd, n, h, w, from, to));
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        int n = x.dim(1);
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = dy.dim(2);
        int ow = dy.dim(3);
        int kk = cin * k * k;
        int hw = oh * ow;
        dx = Tensor.reuse(dx, x.shape());
        float[] xd = x.data();
        float[] dyd = dy.data();
        float[] dxd = dx.data();
        boolean sameSize = stride == 1 && 2 * pad == k - 1;
        if (sameSize) {
            flipKernels();
        } else {
            Gemm.transpose(cout, kk, weight.value().data(), 0, wT, 0);
        }
        int per = imagesPerChunk(n, hw);
        int chunks = (n + per - 1) / per;
        int sub = subBlock(kk, hw);
        Parallel.current().forBlocks(n, per, (c, from, to) -> {
            float[] dw = buffer(partial, c, cout * kk);
            if (sameSize && inputGradient) {
                // dX is the same-size convolution of dY with the flipped, transposed kernels, formed beside dW.
                shifted.sameSizeBackward(cin, xd, cout, dyd, wFlip, dw, dxd, n, h, w, from, to);
                return;
            }
            shifted.weightGradient(cin, xd, cout, dyd, dw, n, h, w, from, to);
            if (!inputGradient) {
                return;
            }
            // Otherwise dX = col2im(Wᵀ · dY), in sub-blocks whose columns stay in L2.
            float[] dcol = Scratch.floats(Scratch.Slot.CONV_COLUMNS, kk * sub * hw);
            for (int s0 = from; s0 < to; s0 += sub) {
                int s1 = Math.min(to, s0 + sub);
                int cols = (s1 - s0) * hw;
                Gemm.multiply(kk, cols, cout, wT, 0, cout, dyd, s0 * hw, n * hw, dcol, 0, cols, false);
                for (int i = s0; i < s1; i++) {
                    unfold.col2im(cin, dcol, (i - s0) * hw, cols, dxd, n, i, h, w, oh, ow);
                }
            }
        });
        float[] g = weight.grad().data();
        for (int c = 0; c < chunks; c++) {
            float[] dw = partial[c];
            for (int j = 0; j < g.length; j++) {
                g[j] += dw[j];
            }
        }
        return inputGradient ? dx : null;
    }

    /**
     * Images per parallel chunk: at least {@code ⌈n / MAX_CHUNKS⌉}, rounded up so that a chunk's
     * {@code images · H'·W'} columns are a multiple of 16 floats (whole vectors, no kernel tails) when that
     * costs at most doubling the chunk. Depends only on the shapes, never on the thread count.
     */
    static int imagesPerChunk(int n, int hw) {
        int base = (n + Parallel.MAX_CHUNKS - 1) / Parallel.MAX_CHUNKS;
        int align = 16 / gcd(hw, 16);
        int aligned = (base + align - 1) / align * align;
        return aligned <= 2 * base ? Math.min(aligned, n) : base;
    }

    /**
     * Images whose strided input gradient is formed at a time inside a chunk ({@code Wᵀ · dY}, then folded back
     * by col2im), so that block of columns ({@code rows × images·hw} floats) stays within about 512 KiB (at most
     * 1 MiB) of L2 between being written and being read; a multiple of the vector alignment when possible.
     */
    static int subBlock(int rows, int hw) {
        int fit = Math.max(1, (128 * 1024) / (rows * hw));
        int align = 16 / gcd(hw, 16);
        if (fit >= align) {
            return fit / align * align;
        }
        return 2 * fit >= align ? align : fit;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** {@code wFlip[c, (o, u, v)] = w[o, c, k−1−u, k−1−v]}. */
    private void flipKernels() {
        float[] wd = weight.value().data();
        int kk2 = k * k;
        for (int o = 0; o < cout; o++) {
            for (int c = 0; c < cin; c++) {
                for (int u = 0; u < k; u++) {
                    for (int v = 0; v < k; v++) {
                        wFlip[(c * cout + o) * kk2 + u * k + v] = wd[((o * cin + c) * k + (k - 1 - u)) * k + (k - 1 - v)];
                    }
                }
            }
        }
    }

    private static float[] buffer(float[][] pool, int c, int size) {
        float[] b = pool[c];
        if (b == null || b.length < size) {
            b = new float[size];
            pool[c] = b;
        }
        return b;
    }

}
