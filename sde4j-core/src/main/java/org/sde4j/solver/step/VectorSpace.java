package org.sde4j.solver.step;

/**
 * The vector-space operations a scheme step needs, over a state type V: what lets one implementation of a
 * scheme advance a {@code double[]} state of a textbook SDE, a block of paths, or a batch of network
 * activations (Lu et al. 2017: a residual block is an Euler step).
 *
 * <p>Noise multiplies a vector elementwise after broadcasting: a noise array {@code ξ} of length 1 scales
 * the whole vector, and each space names the other lengths it accepts (for {@code double[]} states the
 * state length, i.e. diagonal noise; for a batch of network states also the batch size, one noise value
 * per sample).
 *
 * @param <V> the vector type; operations never allocate except {@link #zerosLike}
 */
public interface VectorSpace<V> {
    /** A new zero vector of the shape of {@code x}. */
    V zerosLike(V x);

    /** Whether {@code a} and {@code b} have the same shape (so a buffer made for one serves the other). */
    boolean sameShape(V a, V b);

    /** {@code to ← from}. */
    void copy(V from, V to);

    /** {@code y ← 0}. */
    void zero(V y);

    /** The inner product {@code Σ a_i b_i} (for gradients of scalar coefficients). */
    double dot(V a, V b);

    /**
     * {@code y ← y + (a + b ξ) ⊙ x}, ξ broadcast over x; with {@code xi == null} (or b = 0) simply
     * {@code y ← y + a x}. The operation is its own transpose in x, so the backward pass of a step uses it
     * too.
     *
     * @param xi noise values, of a length this space accepts for x, or null
     * @throws IllegalArgumentException when the length of xi does not fit x
     */
    void addScaled(V y, double a, double b, double[] xi, V x);
}
