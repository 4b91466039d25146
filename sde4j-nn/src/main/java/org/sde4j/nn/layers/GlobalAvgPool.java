package org.sde4j.nn.layers;

import org.sde4j.nn.Tensor;

/** {@code y[n,c] = mean_{h,w} x[c,n,h,w]}: {@code [C, N, H, W] → [N, C]}; backward spreads {@code dy / (H W)}. */
public final class GlobalAvgPool implements Layer {
    private int[] shape;
    private Tensor y;
    private Tensor dx;

    @Override
    public void release() {
        y = null;
        dx = null;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("input " + x + ": must be [C, N, H, W]");
        }
        shape = x.shape();
        int c = x.dim(0);
        int n = x.dim(1);
        int hw = x.dim(2) * x.dim(3);
        y = Tensor.reuse(y, n, c);
        float[] xd = x.data();
        float[] yd = y.data();
        for (int ch = 0; ch < c; ch++) {
            for (int i = 0; i < n; i++) {
                int off = (ch * n + i) * hw;
                float s = 0f;
                for (int j = 0; j < hw; j++) {
                    s += xd[off + j];
                }
                yd[i * c + ch] = s / hw;
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
                int off = (ch * n + i) * hw;
                java.util.Arrays.fill(dxd, off, off + hw, dyd[i * c + ch] / hw);
            }
        }
        return dx;
    }
}
