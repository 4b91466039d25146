package org.sde4j.fit;

/** The OU transition variance {@code v = σ² (1 − e²) / (2κ)}, {@code e = exp(−κΔ)}, and its θ-gradient. */
final class OuVariance {
    private OuVariance() {
    }

    /**
     * Writes v into {@code out[0]}, {@code ∂v/∂ln κ} into {@code out[kIndex]}, {@code ∂v/∂ln σ} into
     * {@code out[sIndex]}, zero into the other entries.
     */
    static void fill(double kappa, double sigma2, double dt, double e, double[] out, int kIndex, int sIndex) {
        java.util.Arrays.fill(out, 0);
        double oneMinus = -Math.expm1(-2 * kappa * dt);
        double v = sigma2 * oneMinus / (2 * kappa);
        out[0] = v;
        out[kIndex] = sigma2 * (dt * e * e - oneMinus / (2 * kappa));
        out[sIndex] = 2 * v;
    }
}
