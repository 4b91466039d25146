package org.sde4j.nn.arch;

import org.sde4j.solver.step.BranchField;
import org.sde4j.solver.step.VectorSpace;

/**
 * The backward-Euler step by a truncated Neumann series, PolyNet's block (Zhang et al. 2017, as read by
 * Lu et al. 2017): for the implicit step {@code y = x + F(y)} of a linear F, {@code y = (I − F)⁻¹ x =
 * x + F x + F² x + …}; PolyNet keeps the terms up to order K,
 *
 * <pre>    y = x + F(x) + F(F(x)) + … + F^K(x)        (K = 2: "poly-2")</pre>
 *
 * <p>For a linear {@code F = hA} it is backward Euler's step to O(h^{K+1}), hence of classical order 1. For a
 * nonlinear branch it is its own map (for an affine F it is not even consistent), which is why it is not a
 * registered SDE scheme. Branch 0 of the field is F; evaluation k uses slot k − 1.
 *
 * <p>Backward: with {@code u_0 = x, u_k = F(u_{k−1})} and {@code y = Σ u_k}: {@code g_K = dy},
 * {@code g_{k−1} = dy + (∂F(u_{k−1}))ᵀ g_k}, and {@code dx = g_0}.
 *
 * @param <V> the state type
 */
public final class NeumannStep<V> {
    private final VectorSpace<V> space;
    private final BranchField<V> field;
    private final int order;
    private V y;
    private V g;

    /**
     * @param order K, at least 1 (K = 1 is forward Euler)
     */
    public NeumannStep(VectorSpace<V> space, BranchField<V> field, int order) {
        if (order < 1) {
            throw new IllegalArgumentException("order = " + order + ": must be at least 1");
        }
        this.space = space;
        this.field = field;
        this.order = order;
    }

    /** Drops this step's buffers (allocated again by the next call). */
    public void release() {
        y = null;
        g = null;
    }

    /** The series order K. */
    public int order() {
        return order;
    }

    /** {@code y = x + F(x) + … + F^K(x)}, F evaluated at time t; x is kept unmodified until the backward pass. */
    public V forward(double t, V x) {
        if (y == null || !space.sameShape(y, x)) {
            y = space.zerosLike(x);
            g = space.zerosLike(x);
        }
        space.copy(x, y);
        V u = x;
        for (int k = 0; k < order; k++) {
            u = field.evaluate(0, k, t, u);
            space.addScaled(y, 1, 0, null, u);
        }
        return y;
    }

    /** The vector–Jacobian product of the last forward pass; returns ∂L/∂x (a buffer of this step). */
    public V backward(V dy) {
        V gk = dy;
        for (int k = order; k >= 1; k--) {
            V back = field.backward(0, k - 1, gk);
            space.copy(dy, g);
            space.addScaled(g, 1, 0, null, back);
            gk = g;
        }
        return gk;
    }
}
