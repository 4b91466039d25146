package org.sde4j.gradient;

/**
 * A loss on the states of a solve at its saved steps, {@code L(X_{s_1}, …, X_{s_K})}, with its gradient.
 */
@FunctionalInterface
public interface PathLoss {
    /**
     * @param states    the states at the saved steps, {@code states[k]} of length d (not modified)
     * @param gradients {@code ∂L/∂X_{s_k}} into {@code gradients[k]}, length d each (modified: every entry written)
     * @return the loss
     */
    double evaluate(double[][] states, double[][] gradients);

    /** {@code L = Σ_k Σ_i w_i X_{s_k, i}}: a linear loss, whose gradient is w at each saved step. */
    static PathLoss linear(double... weights) {
        double[] w = weights.clone();
        return (states, gradients) -> {
            double sum = 0;
            for (int k = 0; k < states.length; k++) {
                for (int i = 0; i < w.length; i++) {
                    sum += w[i] * states[k][i];
                    gradients[k][i] = w[i];
                }
            }
            return sum;
        };
    }

    /** {@code L = ½ Σ_k |X_{s_k} − target_k|²}. */
    static PathLoss squaredDistance(double[][] targets) {
        return (states, gradients) -> {
            if (states.length != targets.length) {
                throw new IllegalArgumentException("states: " + states.length + " saved steps, but "
                        + targets.length + " targets");
            }
            double sum = 0;
            for (int k = 0; k < states.length; k++) {
                for (int i = 0; i < states[k].length; i++) {
                    double r = states[k][i] - targets[k][i];
                    sum += 0.5 * r * r;
                    gradients[k][i] = r;
                }
            }
            return sum;
        };
    }
}
