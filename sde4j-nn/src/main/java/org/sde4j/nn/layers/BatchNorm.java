package org.sde4j.nn.layers;

import java.util.List;
import org.sde4j.nn.Param;
import org.sde4j.nn.Parallel;
import org.sde4j.nn.Simd;
import org.sde4j.nn.Tensor;

/**
 * Batch normalisation over the channels of {@code [C, N, H, W]} inputs (a channel is one contiguous block), optionally
 * fused with a following ReLU (Ioffe &amp; Szegedy 2015):
 *
 * <pre>    x̂ = (x − μ_c) / sqrt(σ²_c + ε),   y = γ_c x̂ + β_c   (then max(y, 0) when fused)</pre>
 *
 * <p>Training mode uses the batch mean and biased variance (two passes, in double) over {@code N·H·W} values per channel and
 * updates the running statistics {@code r ← (1 − m) r + m b} (m = 0.1; the running variance takes the
 * unbiased batch variance, as PyTorch does); evaluation mode uses the running statistics. ε = 1e-5.
 * Backward (training mode), with {@code g = dy} masked by {@code y > 0} when fused and M = N·H·W:
 *
 * <pre>    dγ = Σ g x̂,  dβ = Σ g,  dx = γ / (M sqrt(σ² + ε)) · (M g − Σ g − x̂ Σ g x̂)</pre>
 *
 * <p>Channels are independent and run in parallel; the per-channel sums are accumulated in float segments
 * and double totals in a fixed order ({@link Simd}). Fusing the ReLU saves one pass over the activations and one buffer.
 * Backward does not read y: the mask {@code y > 0} is recomputed from x with the forward pass's per-channel
 * {@code γ_c / sqrt(σ²_c + ε)} and shift, in the forward pass's arithmetic, so it is the same mask, and each of the
 * two backward passes streams dy and x only.
 */
public final class BatchNorm implements Layer {
    private static final double EPS = 1e-5;
    private static final double MOMENTUM = 0.1;
    private final int channels;
    private final boolean relu;
    private final Param gamma;
    private final Param beta;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final double[] mean;
    private final double[] invStd;
    /** The last forward pass's affine map, {@code y = scale·x + shift}, per channel: backward recomputes its mask. */
    private final float[] scale;
    private final float[] shift;
    private boolean trainedForward;
    private boolean frozen;
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    /**
     * @param name     parameter name prefix
     * @param channels the number of channels C
     * @param relu     whether to apply a ReLU after the affine map (fused)
     */
    public BatchNorm(String name, int channels, boolean relu) {
        Conv2d.require("channels", channels, 1);
        this.channels = channels;
        this.relu = relu;
        this.gamma = Param.of(name + ".gamma", Tensor.zeros(channels));
        java.util.Arrays.fill(gamma.value().data(), 1f);
        this.beta = Param.of(name + ".beta", Tensor.zeros(channels));
        this.runningMean = Tensor.zeros(channels);
        this.runningVar = Tensor.zeros(channels);
        java.util.Arrays.fill(runningVar.data(), 1f);
        this.mean = new double[channels];
        this.invStd = new double[channels];
        this.scale = new float[channels];
        this.shift = new float[channels];
    }

    /**
     * A copy sharing {@code original}'s parameters, and its running statistics unless {@code ownStatistics}
     * (then fresh ones: mean 0, variance 1); see {@link Layer#sharedCopy}, {@link Layer#sharedCopyWithOwnStatistics}.
     */
    private BatchNorm(BatchNorm original, boolean ownStatistics) {
        this.channels = original.channels;
        this.relu = original.relu;
        this.gamma = original.gamma;
        this.beta = original.beta;
        this.runningMean = ownStatistics ? Tensor.zeros(channels) : original.runningMean;
        this.runningVar = ownStatistics ? Tensor.zeros(channels) : original.runningVar;
        if (ownStatistics) {
            java.util.Arrays.fill(runningVar.data(), 1f);
        }
        this.mean = new double[channels];
        this.invStd = new double[channels];
        this.scale = new float[channels];
        this.shift = new float[channels];
    }

    @Override
    public void release() {
        x = null;
        y = null;
        dx = null;
    }

    @Override
    public Layer sharedCopy() {
        return new BatchNorm(this, false);
    }

    @Override
    public Layer sharedCopyWithOwnStatistics() {
        return new BatchNorm(this, true);
    }

    /**
     * While frozen, training-mode forward passes leave the running statistics alone: for a pass that
     * recomputes activations already seen (a reversible block's backward pass), which must not count the
     * batch twice.
     */
    public void freezeRunningStatistics(boolean frozen) {
        this.frozen = frozen;
    }

    /** Whether this layer applies a ReLU after the affine map. */
    public boolean fusesRelu() {
        return relu;
    }

    @Override
    public List<Param> params() {
        return List.of(gamma, beta);
    }

    @Override
    public List<Tensor> buffers() {
        return List.of(runningMean, runningVar);
    }

    private int block(Tensor t) {
        if (t.rank() != 4 || t.dim(0) != channels) {
            throw new IllegalArgumentException("input " + t + ": must be [" + channels + ", N, H, W]");
        }
        return t.size() / channels;
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        y = Tensor.reuse(y, input.shape());
        normalise(input, training, null, y.data());
        return y;
    }

    /**
     * The forward pass followed by a residual sum and a ReLU, in one pass over the activations: writes
     * {@code max(y + s, 0)} into {@code out}, y being what {@link #forward} returns (not stored: backward does not
     * read it). The sum of each element is formed as from y, so {@code out} has the bits of a separate sum and ReLU
     * over {@link #forward}'s output. For a layer without its own ReLU.
     *
     * @param s   the residual, of the input's size
     * @param out the output, of the input's size (overwritten)
     * @throws IllegalStateException when this layer has its own ReLU
     */
    public void forwardAddRelu(Tensor input, Tensor s, Tensor out, boolean training) {
        if (relu) {
            throw new IllegalStateException("batch norm with its own ReLU: no residual sum after it");
        }
        if (s.size() != input.size() || out.size() != input.size()) {
            throw new IllegalArgumentException("residual " + s + " and output " + out + ": must have the size of "
                    + input);
        }
        normalise(input, training, s.data(), out.data());
    }

    /**
     * The forward pass into {@code out}: the affine map of the batch (training) or running statistics, then the
     * ReLU when fused; with a {@code residual}, {@code max(y + residual, 0)} instead.
     */
    private void normalise(Tensor input, boolean training, float[] residual, float[] out) {
        int m = block(input);
        this.x = input;
        this.trainedForward = training;
        float[] xd = input.data();
        float[] g = gamma.value().data();
        float[] b = beta.value().data();
        float[] rm = runningMean.data();
        float[] rv = runningVar.data();
        Parallel.current().run(channels, c -> {
            int off = c * m;
            double mu;
            double var;
            if (training) {
                mu = Simd.sum(xd, off, m) / m;
                double ss = Simd.sumSquaredDeviations(xd, off, m, (float) mu);
                var = ss / m;
                if (!frozen) {
                    rm[c] = (float) ((1 - MOMENTUM) * rm[c] + MOMENTUM * mu);
                    double unbiased = m > 1 ? ss / (m - 1) : var;
                    rv[c] = (float) ((1 - MOMENTUM) * rv[c] + MOMENTUM * unbiased);
                }
            } else {
                mu = rm[c];
                var = rv[c];
            }
            double is = 1 / Math.sqrt(var + EPS);
            mean[c] = mu;
            invStd[c] = is;
            scale[c] = (float) (g[c] * is);
            shift[c] = (float) (b[c] - g[c] * is * mu);
            if (residual == null) {
                Simd.affine(xd, out, off, m, scale[c], shift[c], relu);
            } else {
                Simd.affineAddRelu(xd, residual, out, off, m, scale[c], shift[c]);
            }
        });
    }

    @Override
    public Tensor backward(Tensor dy) {
        int m = block(x);
        dx = Tensor.reuse(dx, x.shape());
        float[] xd = x.data();
        float[] dyd = dy.data();
        float[] dxd = dx.data();
        float[] g = gamma.value().data();
        float[] dg = gamma.grad().data();
        float[] db = beta.grad().data();
        boolean batchStats = trainedForward;
        Parallel.current().run(channels, c -> {
            float mu = (float) mean[c];
            float is = (float) invStd[c];
            int off = c * m;
            double[] sums = new double[2];
            Simd.maskedSums(dyd, xd, off, m, mu, relu, scale[c], shift[c], sums);
            double sg = sums[0];
            double sgx = sums[1] * is;
            dg[c] += (float) sgx;
            db[c] += (float) sg;
            float s = g[c] * is;
            if (batchStats) {
                Simd.normBackward(dyd, xd, dxd, off, m, relu, scale[c], shift[c], s, (float) (sg / m), mu,
                        (float) (sgx / m) * is);
            } else {
                Simd.normBackward(dyd, xd, dxd, off, m, relu, scale[c], shift[c], s, 0f, mu, 0f);
            }
        });
        return dx;
    }
}
