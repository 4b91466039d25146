package org.sde4j.sde;

/**
 * The law of the driving noise W of an {@link SdeProblem}: what {@code dW} in
 * {@code dX = f dt + g dW} is. A problem carries one; every solve (single paths, ensembles on either
 * engine, convergence studies) honours it.
 *
 * <ul>
 *   <li>{@link #independent()} (the default): m independent standard Brownian motions,
 *       {@code E[W_j(t) W_k(t)] = δ_jk t}.</li>
 *   <li>{@link #correlation(double[][])} and {@link #covariance(double[][])}: a Brownian motion with
 *       {@code E[W(t) W(t)ᵀ] = C t}, realised as {@code W = L B} with B independent and {@code L Lᵀ = C}
 *       ({@link CorrelatedNoise}; L computed once, when the law is made).</li>
 * </ul>
 *
 * <p>The type is open: other laws (for example jumps) implement it; a solver that does not know a law
 * refuses it with a message that names it. Implementations are immutable.
 */
public interface NoiseProcess {
    /** Independent standard Brownian motions, the default of every problem. */
    static NoiseProcess independent() {
        return IndependentNoise.INSTANCE;
    }

    /**
     * A Brownian motion with unit variances and the given correlation {@code R}: {@code E[W_j(t) W_k(t)] = R_jk t}.
     *
     * @param correlation symmetric positive semi-definite m × m matrix with unit diagonal (copied)
     * @throws IllegalArgumentException naming the entry or eigenvalue that makes the matrix invalid
     */
    static CorrelatedNoise correlation(double[][] correlation) {
        return CorrelatedNoise.ofCorrelation(correlation);
    }

    /**
     * A Brownian motion with covariance {@code C t}.
     *
     * @param covariance symmetric positive semi-definite m × m matrix (copied)
     * @throws IllegalArgumentException naming the entry or eigenvalue that makes the matrix invalid
     */
    static CorrelatedNoise covariance(double[][] covariance) {
        return CorrelatedNoise.ofCovariance(covariance);
    }

    /** Whether this is {@link #independent()}: then solvers take exactly their original code paths and streams. */
    default boolean isIndependent() {
        return false;
    }

    /**
     * Checks that this law can drive {@code m} noise channels.
     *
     * @throws IllegalArgumentException naming both dimensions
     */
    void requireDimension(int m);

    /** A short description for messages and reports, e.g. {@code "independent Brownian motion"}. */
    String description();
}
