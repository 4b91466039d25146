package org.sde4j.nn.layers;

import org.sde4j.nn.Tensor;

/** {@code y[n,c] = mean_{h,w} x[n,c,h,w]}: {@code [N, C, H, W] → [N, C]}; backward spreads {@code dy / (H W)}. */
public final class GlobalAvgPool implements Layer {
    private int[] shape;
    private Tensor y;
    private Tensor dx;

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4) {
            throw new IllegalArgumentException("input " + x + ": must be [N, C, H, W]");
        }
        shape = x.shape();
        int nc = x.dim(0) * x.dim(1);
        int hw = x.dim(2) * x.dim(3);
        y = Tensor.reuse(y, x.dim(0), x.dim(1));
        float[] xd = x.data();
        float[] yd = y.data();
        for (int i = 0; i < nc; i++) {
            float s = 0f;
            for (int j = 0; j < hw; j++) {
                s += xd[i * hw + j];
            }
            yd[i] = s / hw;
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, shape);
        int hw = shape[2] * shape[3];
        float[] dyd = dy.data();
        float[] dxd = dx.data();
        for (int i = 0; i < dyd.length; i++) {
            java.util.Arrays.fill(dxd, i * hw, (i + 1) * hw, dyd[i] / hw);
        }
        return dx;
    }
}
