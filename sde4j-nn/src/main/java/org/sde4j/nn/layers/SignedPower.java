package org.sde4j.nn.layers;

import org.sde4j.nn.Tensor;

/**
 * {@code y = sign(x)·|x|^α}, 0 &lt; α ≤ 1: for α &lt; 1 continuous but not Lipschitz at 0 (its slope
 * {@code α|x|^{α−1}} is unbounded there), the activation of the non-Lipschitz residual branches ({@code sde4j non-lipschitz}); α = 1
 * is the identity. Backward {@code dx = dy · α|x|^{α−1}}, taken as 0 at x = 0 exactly (where the slope is
 * infinite for α &lt; 1; a convention, which only an input of exactly 0 meets).
 */
public final class SignedPower implements Layer {
    private final double alpha;
    private Tensor x;
    private Tensor y;
    private Tensor dx;

    /** @param alpha the exponent α, in (0, 1] */
    public SignedPower(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha = " + alpha + ": must lie in (0, 1]");
        }
        this.alpha = alpha;
    }

    /** α. */
    public double alpha() {
        return alpha;
    }

    @Override
    public void release() {
        x = null;
        y = null;
        dx = null;
    }

    @Override
    public Layer sharedCopy() {
        return new SignedPower(alpha);
    }

    @Override
    public Tensor forward(Tensor input, boolean training) {
        x = input;
        y = Tensor.reuse(y, input.shape());
        float[] xd = input.data();
        float[] yd = y.data();
        for (int i = 0; i < xd.length; i++) {
            double v = xd[i];
            yd[i] = (float) (Math.signum(v) * Math.pow(Math.abs(v), alpha));
        }
        return y;
    }

    @Override
    public Tensor backward(Tensor dy) {
        dx = Tensor.reuse(dx, x.shape());
        float[] xd = x.data();
        float[] dyd = dy.data();
        float[] dxd = dx.data();
        for (int i = 0; i < xd.length; i++) {
            double a = Math.abs((double) xd[i]);
            dxd[i] = a == 0 ? 0f : (float) (dyd[i] * alpha * Math.pow(a, alpha - 1));
        }
        return dx;
    }
}
