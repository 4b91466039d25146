package org.sde4j.problems;

import java.util.function.DoubleUnaryOperator;

/**
 * Expectations {@code E φ(W_t)} of a smooth function of a scalar Brownian motion, by Gauss–Hermite
 * quadrature: with {@code W_t = √(2t) y},
 *
 * <pre>    E φ(W_t) = π^{−½} ∫ φ(√(2t) y) e^{−y²} dy ≈ π^{−½} Σ_k w_k φ(√(2t) y_k)</pre>
 *
 * <p>With 64 nodes this is exact to round-off for the entire functions of W_t in the problem library
 * (exp, tanh, atan of affine functions of W_t, on t ≤ 10). The rule is computed by {@link GaussHermite}.
 */
final class GaussianExpectation {
    private static final GaussHermite HERMITE = GaussHermite.of(64);
    private static final double INV_SQRT_PI = 1.0 / Math.sqrt(Math.PI);

    private GaussianExpectation() {
    }

    /** {@code E φ(W_t)} for {@code W_t ~ N(0, t)}; {@code φ(0)} when {@code t = 0}. */
    static double of(DoubleUnaryOperator phi, double t) {
        if (t == 0) {
            return phi.applyAsDouble(0);
        }
        double scale = Math.sqrt(2 * t);
        return INV_SQRT_PI * HERMITE.integrate(y -> phi.applyAsDouble(scale * y));
    }
}
