package org.sde4j.error;

import org.sde4j.sde.PathwiseSolution;
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

    /**
     * {@code C = φ(X(T))}, the test function of the exact solution on the same path, whose mean is the
     * exact expectation {@code E φ(X_T)} itself.
     *
     * @param solution  the exact solution as a function of {@code (t, W_t)}
     * @param functional φ
     * @param dimension  the state dimension d
     * @param expectation {@code E φ(X_T)}
     */
    public static ControlVariate ofExactSolution(PathwiseSolution solution, Functional functional, int dimension,
            double expectation) {
        Require.nonNull("exact solution", solution);
        Require.nonNull("functional", functional);
        Require.positive("dimension", dimension);
        ThreadLocal<double[]> state = ThreadLocal.withInitial(() -> new double[dimension]);
        return new ControlVariate((t, w) -> {
            double[] x = state.get();
            solution.value(t, w, x);
            return functional.value(x);
        }, expectation);
    }

    /** @throws IllegalArgumentException when the function is null or the mean is not finite */
    public ControlVariate {
        Require.nonNull("control variate function", function);
        Require.finite("control variate mean", mean);
    }
}
