package org.sde4j.nn.layers;

import org.sde4j.nn.Tensor;

/**
 * Mean softmax cross-entropy of logits {@code z} ({@code [N, K]}) against integer labels:
 *
 * <pre>    L = (1/N) Σ_n [ log Σ_k exp z[n,k] − z[n, y_n] ],    ∂L/∂z[n,k] = (softmax(z_n)_k − [k = y_n]) / N</pre>
 *
 * <p>Computed stably (max subtracted) in double.
 */
public final class SoftmaxCrossEntropy {
    private Tensor grad;
    private int correct;

    /**
     * Evaluates the loss and stores its gradient (see {@link #gradient()}) and the number of correct
     * arg-max predictions (see {@link #correct()}).
     *
     * @param logits [N, K]; not modified
     * @param labels N labels in {@code [0, K)}
     * @return the mean loss
     */
    public double forward(Tensor logits, int[] labels) {
        if (logits.rank() != 2 || logits.dim(0) != labels.length) {
            throw new IllegalArgumentException("logits " + logits + " and " + labels.length
                    + " labels: must be [N, K] with N = the number of labels");
        }
        int n = logits.dim(0);
        int k = logits.dim(1);
        grad = Tensor.reuse(grad, n, k);
        float[] z = logits.data();
        float[] g = grad.data();
        double loss = 0;
        int right = 0;
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            if (label < 0 || label >= k) {
                throw new IllegalArgumentException("labels[" + i + "] = " + label + ": must be in [0, " + k + ")");
            }
            int off = i * k;
            int best = 0;
            double max = z[off];
            for (int j = 1; j < k; j++) {
                if (z[off + j] > max) {
                    max = z[off + j];
                    best = j;
                }
            }
            if (best == label) {
                right++;
            }
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += Math.exp(z[off + j] - max);
            }
            loss += Math.log(sum) + max - z[off + label];
            for (int j = 0; j < k; j++) {
                double p = Math.exp(z[off + j] - max) / sum;
                g[off + j] = (float) ((p - (j == label ? 1 : 0)) / n);
            }
        }
        correct = right;
        return loss / n;
    }

    /** ∂L/∂logits of the last {@link #forward} call. */
    public Tensor gradient() {
        return grad;
    }

    /** The number of correct arg-max predictions in the last {@link #forward} call. */
    public int correct() {
        return correct;
    }
}
