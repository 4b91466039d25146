package org.sde4j.nn;

import org.sde4j.solver.step.VectorSpace;

/**
 * Tensors as the states of a scheme: what lets {@link org.sde4j.solver.step.BranchStep} — the same code that
 * steps a textbook SDE — advance a batch of network activations.
 *
 * <p>Noise broadcasting: an array of length 1 scales the whole tensor (one value per mini-batch, as in
 * stochastic depth); an array of the batch size scales each sample (one value per image, as in
 * shake-shake), the batch axis being dimension 1 of an image batch {@code [C, N, H, W]} and dimension 0 of
 * a feature batch {@code [N, F]}; an array of the tensor's size multiplies elementwise (diagonal noise).
 * Large operations run on {@link Parallel}'s threads in fixed chunks.
 */
public final class TensorSpace implements VectorSpace<Tensor> {
    /** The space; stateless, shared. */
    public static final TensorSpace INSTANCE = new TensorSpace();

    private TensorSpace() {
    }

    @Override
    public Tensor zerosLike(Tensor x) {
        return Tensor.zeros(x.shape());
    }

    @Override
    public boolean sameShape(Tensor a, Tensor b) {
        return java.util.Arrays.equals(a.shape(), b.shape());
    }

    @Override
    public void copy(Tensor from, Tensor to) {
        to.copyFrom(from);
    }

    @Override
    public void zero(Tensor y) {
        y.zero();
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        float[] ad = a.data();
        float[] bd = b.data();
        double sum = 0;
        for (int i = 0; i < ad.length; i++) {
            sum += (double) ad[i] * bd[i];
        }
        return sum;
    }

    /** The number of samples of a batch: dimension 1 of {@code [C, N, H, W]}, else dimension 0. */
    public static int batchSize(Tensor x) {
        return x.rank() == 4 ? x.dim(1) : x.dim(0);
    }

    @Override
    public void addScaled(Tensor y, double a, double b, double[] xi, Tensor x) {
        if (y.size() != x.size()) {
            throw new IllegalArgumentException("y " + y + " and x " + x + ": must have the same size");
        }
        float[] yd = y.data();
        float[] xd = x.data();
        if (xi == null || b == 0 || xi.length == 1) {
            float s = (float) (xi == null || b == 0 ? a : a + b * xi[0]);
            Parallel.current().forChunks(yd.length, (c, from, to) -> Simd.axpy(s, xd, yd, from, to - from));
            return;
        }
        if (xi.length == yd.length) {
            Parallel.current().forChunks(yd.length, (c, from, to) -> {
                for (int i = from; i < to; i++) {
                    yd[i] += (float) (a + b * xi[i]) * xd[i];
                }
            });
            return;
        }
        int n = batchSize(x);
        if (xi.length != n) {
            throw new IllegalArgumentException("xi.length = " + xi.length + ": must be 1, the batch size " + n
                    + " or the size " + yd.length + " of " + x);
        }
        float[] scale = new float[n];
        for (int i = 0; i < n; i++) {
            scale[i] = (float) (a + b * xi[i]);
        }
        int inner = x.rank() == 4 ? x.dim(2) * x.dim(3) : x.size() / n;
        int outer = x.rank() == 4 ? x.dim(0) : 1;
        // Rows of `inner` contiguous elements, row r belonging to sample r mod n.
        Parallel.current().forChunks(outer * n, (c, from, to) -> {
            for (int r = from; r < to; r++) {
                float s = scale[r % n];
                Simd.axpy(s, xd, yd, r * inner, inner);
            }
        });
    }
}
