package org.sde4j.nn.layers;

import org.sde4j.nn.Tensor;

/**
 * Max or average pooling of {@code [C, N, H, W]} inputs (each plane on its own) over {@code k × k} windows with stride s, no padding:
 * {@code y[c,n,i,j] = max} (or mean) of {@code x[c, n, i·s + u, j·s + v]}, {@code 0 ≤ u, v < k}; output size
 * {@code (H − k) / s + 1}. Backward: max pooling routes dy to the (first) arg-max of each window; average
 * pooling spreads {@code dy / k²} over the window.
 */
public final class Pool2d implements Layer {
    private final boolean max;
    private final int k;
    private final int stride;
    private int[] shape;
    private int[] argmax;
    private Tensor y;
    private Tensor dx;

    private Pool2d(boolean max, int k, int stride) {
        Conv2d.require("k", k, 1);
        Conv2d.require("stride", stride, 1);
        this.max = max;
        this.k = k;
        this.stride = stride;
    }

    /** Max pooling. */
    public static Pool2d max(int k, int stride) {
        return new Pool2d(true, k, stride);
    }

    /** Average pooling. */
    public static Pool2d average(int k, int stride) {
        return new Pool2d(false, k, stride);
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        if (x.rank() != 4 || x.dim(2) < k || x.dim(3) < k) {
            throw new IllegalArgumentException("input " + x + ": must be [C, N, H, W] with H, W ≥ " + k);
        }
        shape = x.shape();
        int h = x.dim(2);
        int w = x.dim(3);
        int oh = (h - k) / stride + 1;
        int ow = (w - k) / stride + 1;
        int nc = x.dim(0) * x.dim(1);
        y = Tensor.reuse(y, x.dim(0), x.dim(1), oh, ow);
        if (argmax == null || argmax.length != y.size()) {
            argmax = new int[y.size()];
        }
        float[] xd = x.data();
        float[] yd = y.data();
        float inv = 1f / (k * k);
        for (int p = 0; p < nc; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int o = (p * oh + i) * ow + j;
                    float best = Float.NEGATIVE_INFINITY;
                    int where = -1;
                    float sum = 0f;
                    for (int u = 0; u < k; u++) {
                        int base = (p * h + i * stride + u) * w + j * stride;
                        for (int v = 0; v < k; v++) {
                            float val = xd[base + v];
                            sum += val;
                            if (val > best) {
                                best = val;
                                where = base + v;
                            }
                        }
                    }
                    yd[o] = max ? best : sum * inv;
                    argmax[o] = where;
                }
            }
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, shape);
        dx.zero();
        float[] dyd = dy.data();
        float[] dxd = dx.data();
        if (max) {
            for (int o = 0; o < dyd.length; o++) {
                dxd[argmax[o]] += dyd[o];
            }
            return dx;
        }
        int h = shape[2];
        int w = shape[3];
        int oh = y.dim(2);
        int ow = y.dim(3);
        int nc = shape[0] * shape[1];
        float inv = 1f / (k * k);
        for (int p = 0; p < nc; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    float g = dyd[(p * oh + i) * ow + j] * inv;
                    for (int u = 0; u < k; u++) {
                        int base = (p * h + i * stride + u) * w + j * stride;
                        for (int v = 0; v < k; v++) {
                            dxd[base + v] += g;
                        }
                    }
                }
            }
        }
        return dx;
    }
}
