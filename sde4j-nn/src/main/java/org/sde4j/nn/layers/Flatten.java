package org.sde4j.nn.layers;

import org.sde4j.nn.Tensor;

/**
 * {@code [C, N, H, W] → [N, C·H·W]}: each image's features in one row, {@code y[n, (c·H + h)·W + w] = x[c,n,h,w]}
 * (a copy, since images are interleaved in the channel-major layout); backward is the inverse permutation.
 */
public final class Flatten implements Layer {
    private int[] shape;
    private Tensor y;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("input " + x + ": must be [C, N, H, W]");
        }
        shape = x.shape();
        int c = shape[0];
        int n = shape[1];
        int hw = shape[2] * shape[3];
        y = Tensor.reuse(y, n, c * hw);
        float[] xd = x.data();
        float[] yd = y.data();
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(xd, (ch * n + i) * hw, yd, (i * c + ch) * hw, hw);
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, shape);
        int c = shape[0];
        int n = shape[1];
        int hw = shape[2] * shape[3];
        float[] dyd = dy.data();
        float[] dxd = dx.data();
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < n; i++) {
                System.arraycopy(dyd, (i * c + ch) * hw, dxd, (ch * n + i) * hw, hw);
            }
        }
        return dx;
    }
}
