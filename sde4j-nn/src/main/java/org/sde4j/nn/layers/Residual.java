package org.sde4j.nn.layers;

import java.util.ArrayList;
import java.util.List;
import org.sde4j.nn.Param;
import org.sde4j.nn.Parallel;
import org.sde4j.nn.Simd;
import org.sde4j.nn.Tensor;

/**
 * A residual block {@code y = ReLU(S(x) + F(x))}, F the residual branch and S the shortcut (the identity,
 * or a projection when the shape changes) — one forward-Euler step {@code x + F(x)} followed by a ReLU.
 * Backward: {@code g = dy · [y > 0]}, {@code dx = (∂F)ᵀ g + (∂S)ᵀ g}.
 */
public final class Residual implements Layer {
    private final Layer branch;
    private final Layer shortcut;
    private Tensor y;
    private Tensor g;
    private Tensor dx;

    /**
     * @param branch   the residual branch F
     * @param shortcut the shortcut S, or {@code null} for the identity
     */
    public Residual(Layer branch, Layer shortcut) {
        this.branch = branch;
        this.shortcut = shortcut;
    }

    @Override
    public void release() {
        branch.release();
        if (shortcut != null) {
            shortcut.release();
        }
        y = null;
        g = null;
        dx = null;
    }

    /**
     * When the branch ends in a batch norm without its own ReLU (a ResNet basic block), that last layer forms the sum
     * and the ReLU in its own pass ({@link BatchNorm#forwardAddRelu}): same bits, two fewer passes over the
     * activations.
     */
    @Override
    public Tensor forward(Tensor x, boolean training) {
        BatchNorm last = lastNormalisation();
        Tensor f = last == null ? branch.forward(x, training)
                : ((Sequential) branch).forwardFirst(((Sequential) branch).layers().size() - 1, x, training);
        Tensor s = shortcut == null ? x : shortcut.forward(x, training);
        if (f.size() != s.size()) {
            throw new IllegalArgumentException("branch output " + f + " and shortcut output " + s
                    + ": must have the same shape");
        }
        y = Tensor.reuse(y, f.shape());
        if (last != null) {
            last.forwardAddRelu(f, s, y, training);
            return y;
        }
        float[] fd = f.data();
        float[] sd = s.data();
        float[] yd = y.data();
        Parallel.current().forChunks(yd.length, (c, from, to) -> Simd.addRelu(fd, sd, yd, from, to - from));
        return y;
    }

    /**
     * The branch's last layer when the branch is a {@link Sequential} ending in a batch norm without ReLU, else
     * null.
     */
    private BatchNorm lastNormalisation() {
        if (branch instanceof Sequential seq && seq.layers().get(seq.layers().size() - 1) instanceof BatchNorm bn
                && !bn.fusesRelu()) {
            return bn;
        }
        return null;
    }

    @Override
    public Tensor backward(Tensor dy) {
        g = Tensor.reuse(g, y.shape());
        float[] yd = y.data();
        float[] dyd = dy.data();
        float[] gd = g.data();
        Parallel.current().forChunks(yd.length, (c, from, to) -> Simd.reluMask(yd, dyd, gd, from, to - from));
        Tensor db = branch.backward(g);
        Tensor ds = shortcut == null ? g : shortcut.backward(g);
        dx = Tensor.reuse(dx, db.shape());
        float[] a = db.data();
        float[] b = ds.data();
        float[] d = dx.data();
        Parallel.current().forChunks(d.length, (c, from, to) -> {
            for (int i = from; i < to; i++) {
                d[i] = a[i] + b[i];
            }
        });
        return dx;
    }

    @Override
    public List<Param> params() {
        List<Param> all = new ArrayList<>(branch.params());
        if (shortcut != null) {
            all.addAll(shortcut.params());
        }
        return all;
    }

    @Override
    public List<Tensor> buffers() {
        List<Tensor> all = new ArrayList<>(branch.buffers());
        if (shortcut != null) {
            all.addAll(shortcut.buffers());
        }
        return all;
    }
}
