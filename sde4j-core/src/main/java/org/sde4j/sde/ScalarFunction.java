package org.sde4j.sde;

/**
 * A function {@code (t, x) → R} of time and a one-dimensional state; used by
 * {@link Sde#scalar(ScalarFunction, ScalarFunction)} to define a one-dimensional SDE in one line.
 */
@FunctionalInterface
public interface ScalarFunction {
    /**
     * @param t time
     * @param x state
     * @return the function's value
     */
    double value(double t, double x);
}
