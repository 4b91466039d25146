package org.sde4j.nn.layers;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.nn.Gemm;
import org.sde4j.nn.Param;
import org.sde4j.nn.Parallel;
import org.sde4j.nn.Tensor;

/**
 * Fully connected layer {@code y = x W + b} on {@code [N, in]} inputs, W of shape {@code [in, out]}
 * (He-normal), b zero-initialised. Backward: {@code dW += xᵀ dy}, {@code db += Σ_n dy}, {@code dx = dy Wᵀ}.
 * Rows of the batch (forward, dx) and rows of dW are split into fixed chunks run in parallel.
 */
public final class Dense implements Layer {
    private final int in;
    private final int out;
    private final Param weight;
    private final Param bias;
    private Tensor x;
    private Tensor y;
    private Tensor dx;
    private float[] xT = new float[0];
    private final float[] wT;

    /** A dense layer from {@code in} to {@code out} features, initialised from {@code rng}. */
    public Dense(String name, int in, int out, UniformRandomProvider rng) {
        Conv2d.require("in", in, 1);
        Conv2d.require("out", out, 1);
        this.in = in;
        this.out = out;
        this.weight = Param.of(name + ".weight", Tensor.zeros(in, out));
        this.bias = Param.of(name + ".bias", Tensor.zeros(out));
        Init.heNormal(weight.value(), in, rng);
        this.wT = new float[in * out];
    }

    /** The weight, {@code [in, out]}. */
    public Param weight() {
        return weight;
    }

    /** The bias, {@code [out]}. */
    public Param bias() {
        return bias;
    }

    /** A copy sharing {@code original}'s parameters, with its own workspace (see {@link Layer#sharedCopy}). */
    private Dense(Dense original) {
        this.in = original.in;
        this.out = original.out;
        this.weight = original.weight;
        this.bias = original.bias;
        this.wT = new float[original.wT.length];
    }

    @Override
    public void release() {
        x = null;
        y = null;
        dx = null;
    }

    @Override
    public Layer sharedCopy() {
        return new Dense(this);
    }

    @Override
    public List<Param> params() {
        return List.of(weight, bias);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        if (input.rank() != 2 || input.dim(1) != in) {
            throw new IllegalArgumentException("input " + input + ": must be [N, " + in + "]");
        }
        x = input;
        int n = input.dim(0);
        y = Tensor.reuse(y, n, out);
        float[] yd = y.data();
        float[] b = bias.value().data();
        float[] xd = input.data();
        float[] w = weight.value().data();
        Parallel.current().forChunks(n, (c, from, to) -> {
            for (int i = from; i < to; i++) {
                System.arraycopy(b, 0, yd, i * out, out);
            }
            Gemm.multiply(to - from, out, in, xd, from * in, in, w, 0, out, yd, from * out, out, true);
        });
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        int n = x.dim(0);
        float[] dyd = dy.data();
        float[] db = bias.grad().data();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < out; j++) {
                db[j] += dyd[i * out + j];
            }
        }
        if (xT.length < n * in) {
            xT = new float[n * in];
        }
        float[] xt = xT;
        Gemm.transpose(n, in, x.data(), 0, xt, 0);
        float[] dw = weight.grad().data();
        Parallel.current().forChunks(in, (c, from, to) ->
                Gemm.multiply(to - from, out, n, xt, from * n, n, dyd, 0, out, dw, from * out, out, true));
        Gemm.transpose(in, out, weight.value().data(), 0, wT, 0);
        dx = Tensor.reuse(dx, n, in);
        float[] dxd = dx.data();
        Parallel.current().forChunks(n, (c, from, to) ->
                Gemm.multiply(to - from, in, out, dyd, from * out, out, wT, 0, in, dxd, from * in, in, false));
        return dx;
    }
}
