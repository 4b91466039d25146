package org.sde4j.nn.arch;

import org.sde4j.solver.step.BranchField;
import org.sde4j.solver.step.VectorSpace;

/**
 * Forward Euler on a coupled system, RevNet's block (Gomez et al. 2017; Chang et al. 2018, read as an ODE
 * scheme by Lu et al. 2017): the state is a pair (x₁, x₂), and
 *
 * <pre>    y₁ = x₁ + F(x₂),    y₂ = x₂ + G(y₁)</pre>
 *
 * <p>— the symplectic (semi-implicit) Euler step of {@code x₁' = F(x₂), x₂' = G(x₁)} with h absorbed in F
 * and G. It is exactly invertible, {@code x₂ = y₂ − G(y₁)}, {@code x₁ = y₁ − F(x₂)}, so the backward pass
 * recomputes the inputs from the outputs instead of storing them: a chain of such steps needs to keep only
 * its final state, and works in caller-supplied buffers (two pairs suffice for any depth). Branch 0 of the
 * field is F, branch 1 is G (one slot each).
 *
 * <p>Backward from the outputs and {@code (dy₁, dy₂)}: recompute G(y₁), {@code x₂}; {@code dy₁' = dy₁ +
 * G'ᵀ dy₂}; recompute F(x₂), {@code x₁}; {@code dx₂ = dy₂ + F'ᵀ dy₁'}, {@code dx₁ = dy₁'}. Reconstructed
 * inputs agree with the true ones to round-off, so the gradient is exact to round-off.
 *
 * @param <V> the state type
 */
public final class CoupledEulerStep<V> {
    private final VectorSpace<V> space;
    private final BranchField<V> field;

    /** A step with F = branch 0 and G = branch 1 of {@code field}. */
    public CoupledEulerStep(VectorSpace<V> space, BranchField<V> field) {
        if (field.branches() != 2) {
            throw new IllegalArgumentException("field.branches() = " + field.branches() + ": must be 2 (F and G)");
        }
        this.space = space;
        this.field = field;
    }

    /** The forward step {@code (x₁, x₂) → (y₁, y₂)}, written into {@code y1, y2} (distinct from the inputs). */
    public void forward(double t, V x1, V x2, V y1, V y2) {
        space.copy(x1, y1);
        space.addScaled(y1, 1, 0, null, field.evaluate(0, 0, t, x2));
        space.copy(x2, y2);
        space.addScaled(y2, 1, 0, null, field.evaluate(1, 0, t, y1));
    }

    /**
     * Reconstructs the inputs {@code (x1, x2)} from the outputs {@code (y1, y2)} and back-propagates
     * {@code (dy1, dy2)} into {@code (dx1, dx2)}; all eight vectors distinct. The field's evaluations here are
     * recomputations (for batch normalisation: freeze the running statistics around this call).
     */
    public void backward(double t, V y1, V y2, V dy1, V dy2, V x1, V x2, V dx1, V dx2) {
        space.copy(y2, x2);
        space.addScaled(x2, -1, 0, null, field.evaluate(1, 0, t, y1));
        space.copy(dy1, dx1);
        space.addScaled(dx1, 1, 0, null, field.backward(1, 0, dy2));
        space.copy(y1, x1);
        space.addScaled(x1, -1, 0, null, field.evaluate(0, 0, t, x2));
        space.copy(dy2, dx2);
        space.addScaled(dx2, 1, 0, null, field.backward(0, 0, dx1));
    }
}
