package org.sde4j.error;

import org.sde4j.sde.Require;

/**
 * A control variate for a weak-error study: a function {@code C(W_T)} of the driving Brownian motion
 * at the final time with known mean {@code E C}. The study estimates {@code E φ(X_N)} by
 *
 * <pre>    mean(φ(X_N)) − β (mean(C) − E C),    β = cov(φ(X_N), C) / var(C)</pre>
 *
 * <p>per level, β fitted on the same paths (Glasserman 2004, §4.1). When the exact solution is known,
 * {@code C = φ(X(T; W))} is the natural choice: it is strongly correlated with {@code φ(X_N)}, and the
 * variance left is of the order of the strong error. Immutable; the function must be thread-safe.
 *
 * @param function {@code (t, w, ) → C}, with {@code w = W_T − W_{t0}} (not modified)
 * @param mean     {@code E C}
 */
public record ControlVariate(Function function, double mean) {
    /** The function of the Brownian value. */
    @FunctionalInterface
    public interface Function {
        /**
         * @param t the final time
         * @param w {@code W(t) − W(t0)}, length m (not modified)
         * @return {@code C}
         */
        double value(double t, double[] w);
    }

    /** @throws IllegalArgumentException when the function is null or the mean is not finite */
    public ControlVariate {
        Require.nonNull("control variate function", function);
        Require.finite("control variate mean", mean);
    }
}
