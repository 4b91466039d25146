package org.sde4j.nn.arch;

import org.sde4j.solver.scheme.LinearMultistep;
import org.sde4j.solver.step.BranchStep;
import org.sde4j.solver.step.VectorSpace;

/**
 * The linear two-step method of LM-ResNet (Lu, Zhong, Li &amp; Dong 2017) around any one-step map E — an Euler
 * step {@code E(x) = x + h f(x)}, or a stochastic {@link BranchStep}:
 *
 * <pre>    x_{n+1} = (1 + k) E(x_n) − 2k x_n + k x_{n−1}</pre>
 *
 * <p>For Euler's E that is {@code (1 − k) x_n + k x_{n−1} + (1 + k) h f(x_n)}, the registered scheme
 * {@link LinearMultistep#lmResNet(double)} (consistent for every k; zero-stable for −1 &lt; k &lt; 1), and with
 * k = 0 it is E itself. With a stochastic-depth E it is the stochastic LM-ResNet of the paper. The first step
 * of a chain, which has no {@code x_{n−1}}, is E alone.
 *
 * <p>Backward, from dy: {@code dE = (1 + k) dy}, {@code dx_n = E'ᵀ dE − 2k dy}, {@code dx_{n−1} = k dy}, and
 * {@code ∂L/∂k = ⟨dy, E(x_n) − 2x_n + x_{n−1}⟩} — k is trainable.
 *
 * @param <V> the state type
 */
public final class LinearTwoStep<V> {
    private final VectorSpace<V> space;
    private final BranchStep<V> step;
    private V y;
    private V dx;
    private V dPrevious;
    private V x;
    private V previous;
    private V e;
    private double k;

    /** A two-step map around the one-step map {@code step}. */
    public LinearTwoStep(VectorSpace<V> space, BranchStep<V> step) {
        this.space = space;
        this.step = step;
    }

    /** Drops this step's buffers and those of E (allocated again by the next call). */
    public void release() {
        step.release();
        y = null;
        dx = null;
        dPrevious = null;
        x = null;
        previous = null;
        e = null;
    }

    /** The one-step map E. */
    public BranchStep<V> step() {
        return step;
    }

    /**
     * One step.
     *
     * @param k        the coefficient (any real; −1 &lt; k &lt; 1 for zero stability)
     * @param previous {@code x_{n−1}}, or null for the first step (then the result is E(x_n))
     * @param dw       the increment of E's step, as for {@link BranchStep#forward}
     */
    public V forward(double t, double h, V xn, V previous, double k, double[] dw, double[] area) {
        this.x = xn;
        this.previous = previous;
        this.k = k;
        e = step.forward(t, h, xn, dw, area);
        if (previous == null) {
            return e;
        }
        if (y == null || dx == null || !space.sameShape(y, xn)) {
            y = space.zerosLike(xn);
            dx = space.zerosLike(xn);
            dPrevious = space.zerosLike(xn);
        }
        space.zero(y);
        space.addScaled(y, 1 + k, 0, null, e);
        space.addScaled(y, -2 * k, 0, null, xn);
        space.addScaled(y, k, 0, null, previous);
        return y;
    }

    /**
     * The vector–Jacobian product of the last forward step.
     *
     * @return ∂L/∂x_n (a buffer); {@link #previousGradient()} and {@code kGradient} give the rest
     */
    public V backward(V dy, double[] kGradient) {
        if (previous == null) {
            dPreviousValid = false;
            return step.backward(dy);
        }
        dPreviousValid = true;
        kGradient[0] += space.dot(dy, e) - 2 * space.dot(dy, x) + space.dot(dy, previous);
        space.zero(dx);
        space.addScaled(dx, 1 + k, 0, null, dy);
        V back = step.backward(dx);
        space.copy(back, dx);
        space.addScaled(dx, -2 * k, 0, null, dy);
        space.zero(dPrevious);
        space.addScaled(dPrevious, k, 0, null, dy);
        return dx;
    }

    private boolean dPreviousValid;

    /** ∂L/∂x_{n−1} from the last backward call, or null after a first step. */
    public V previousGradient() {
        return dPreviousValid ? dPrevious : null;
    }
}
