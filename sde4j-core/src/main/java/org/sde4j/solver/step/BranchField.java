package org.sde4j.solver.step;

/**
 * A drift and a diffusion built from K branches {@code B_k(t, x)}:
 *
 * <pre>    f(t, x) = Σ_k a_k(t) B_k(t, x),    g(t, x) = Σ_k b_k(t) B_k(t, x)    (g in vector form: g ⊙ ξ)</pre>
 *
 * <p>It is the shape of every stochastic residual network of Lu et al. (2017): a ResNet block has one
 * branch with a = 1, b = 0; stochastic depth one branch with a = p (the survival probability) and b = 1;
 * shake-shake two branches with a = (½, ½) and b = (1, −1); a neural SDE a drift branch (a, b) = (1, 0)
 * and a diffusion branch (0, 1). A textbook SDE with vector-form diffusion is the last case too. Because
 * drift and diffusion share their branches, a scheme evaluates each branch once per stage, and skips it
 * when the step's noise makes its total weight zero (a dropped stochastic-depth block).
 *
 * <p>Differentiable fields also give vector–Jacobian products. A scheme evaluates a field at several
 * stages of one step; each evaluation names a <em>slot</em> (the stage index), and the field keeps what
 * the backward pass of that slot needs until the next evaluation in the same slot.
 *
 * @param <V> the state type
 */
public interface BranchField<V> {
    /** The number of branches K, at least 1. */
    int branches();

    /** The drift weight {@code a_k(t)} of branch k. */
    double driftWeight(int branch, double t);

    /** The diffusion weight {@code b_k(t)} of branch k. */
    double diffusionWeight(int branch, double t);

    /**
     * Evaluates {@code B_k(t, x)}.
     *
     * @param slot the stage of the step, 0 ≤ slot &lt; the tableau's stage count
     * @param x    the stage state; not modified, and kept unmodified by the caller until the backward pass
     * @return the value, a buffer of the field valid until the next evaluation of the same branch and slot
     */
    V evaluate(int branch, int slot, double t, V x);

    /**
     * The vector–Jacobian product of the last evaluation of branch k in {@code slot}: returns
     * {@code (∂B_k/∂x)ᵀ dOut} and adds {@code (∂B_k/∂θ)ᵀ dOut} to the gradients of the field's parameters.
     *
     * @return a buffer of the field, valid until the next call for the same branch and slot
     * @throws UnsupportedOperationException when the field is not differentiable
     */
    default V backward(int branch, int slot, V dOut) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no vector–Jacobian product");
    }
}
