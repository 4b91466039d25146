package org.sde4j.models.jump;

/** The jump {@code h(t, x⁻, ξ)} added to the state at a jump time. */
@FunctionalInterface
public interface JumpMap {
    /**
     * @param t      the jump time
     * @param xMinus the state just before the jump, length d (not modified)
     * @param mark   the mark ξ
     * @param out    the jump h, length d (overwritten)
     */
    void jump(double t, double[] xMinus, double mark, double[] out);

    /** {@code h = x⁻ (e^ξ − 1)}, componentwise: the jump of an exponential model (Merton, Kou). */
    static JumpMap relative() {
        return (t, x, mark, out) -> {
            double r = Math.expm1(mark);
            for (int i = 0; i < x.length; i++) {
                out[i] = x[i] * r;
            }
        };
    }

    /** {@code h = ξ} in every component. */
    static JumpMap additive() {
        return (t, x, mark, out) -> java.util.Arrays.fill(out, mark);
    }
}
