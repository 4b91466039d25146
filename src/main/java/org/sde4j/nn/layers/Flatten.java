package org.sde4j.nn.layers;

import org.sde4j.nn.Tensor;

/** {@code [N, d1, d2, ...] → [N, d1·d2·...]}, sharing the data; backward restores the shape. */
public final class Flatten implements Layer {
    private int[] shape;

    @Override
    public Tensor forward(Tensor x, boolean training) {
        shape = x.shape();
        return x.reshape(x.dim(0), x.size() / x.dim(0));
    }

    @Override
    public Tensor backward(Tensor dy) {
        return dy.reshape(shape);
    }
}
