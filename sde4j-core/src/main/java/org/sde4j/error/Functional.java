package org.sde4j.error;

/**
 * A test function {@code φ: R^d → R} whose expectation {@code E φ(X_T)} a weak-error study compares.
 * Weak orders hold for smooth φ of polynomial growth (Kloeden &amp; Platen 1992, §14.1). Must be
 * thread-safe (it is called from the study's worker threads) and return finite values.
 */
@FunctionalInterface
public interface Functional {
    /**
     * @param x the state (not modified)
     * @return {@code φ(x)}
     */
    double value(double[] x);

    /** {@code φ(x) = x_i}. */
    static Functional component(int i) {
        return x -> x[i];
    }

    /** {@code φ(x) = x_i²}. */
    static Functional square(int i) {
        return x -> x[i] * x[i];
    }
}
