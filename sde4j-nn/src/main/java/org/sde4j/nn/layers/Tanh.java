package org.sde4j.nn.layers;

import org.sde4j.nn.Tensor;

/** {@code y = tanh(x)}, a smooth, globally Lipschitz activation; backward {@code dx = dy · (1 − y²)}. */
public final class Tanh implements Layer {
    private Tensor y;
    private Tensor dx;

    @Override
    public void release() {
        y = null;
        dx = null;
    }

    @Override
    public Layer sharedCopy() {
        return new Tanh();
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        y = Tensor.reuse(y, x.shape());
        float[] xd = x.data();
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            yd[i] = (float) Math.tanh(xd[i]);
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, y.shape());
        float[] yd = y.data();
        float[] dyd = dy.data();
        float[] dxd = dx.data();
        for (int i = 0; i < yd.length; i++) {
            dxd[i] = dyd[i] * (1 - yd[i] * yd[i]);
        }
        return dx;
    }
}
