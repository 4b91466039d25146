package org.sde4j.nn.layers;

import org.sde4j.nn.Parallel;
import org.sde4j.nn.Tensor;

/** {@code y = max(x, 0)}; backward {@code dx = dy · [y > 0]}. */
public final class Relu implements Layer {
    private Tensor y;
    private Tensor dx;

    @Override
    public void release() {
        y = null;
        dx = null;
    }

    @Override
    public Layer sharedCopy() {
        return new Relu();
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        y = Tensor.reuse(y, x.shape());
        float[] xd = x.data();
        float[] yd = y.data();
        Parallel.current().forChunks(xd.length, (c, from, to) -> {
            for (int i = from; i < to; i++) {
                yd[i] = Math.max(0f, xd[i]);
            }
        });
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, y.shape());
        float[] yd = y.data();
        float[] dyd = dy.data();
        float[] dxd = dx.data();
        for (int i = 0; i < yd.length; i++) {
            dxd[i] = yd[i] > 0f ? dyd[i] : 0f;
        }
        return dx;
    }
}
