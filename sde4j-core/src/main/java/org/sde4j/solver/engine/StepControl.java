package org.sde4j.solver.engine;

/**
 * The settings of adaptive stepping: tolerances, step bounds, and the most steps a path may take.
 *
 * @param atol      absolute tolerance, ≥ 0
 * @param rtol      relative tolerance, ≥ 0, not both 0
 * @param dtMin     smallest step allowed, &gt; 0: a path that needs a smaller one fails, naming its time and step
 * @param dtMax     largest step allowed, ≥ dtMin
 * @param dtInitial the first step tried, in [dtMin, dtMax]
 * @param maxSteps  the most steps (accepted and rejected) one path may try, ≥ 1: a path that needs more fails at
 *                  once, naming its time and the step size its tolerances ask for, instead of running for hours
 *                  (default {@value #DEFAULT_MAX_STEPS}; DifferentialEquations.jl stops at {@code maxiters = 10⁵})
 */
public record StepControl(double atol, double rtol, double dtMin, double dtMax, double dtInitial, long maxSteps) {
    /** The default of {@link #maxSteps}: a million steps per path. */
    public static final long DEFAULT_MAX_STEPS = 1_000_000;

    /**
     * @throws IllegalArgumentException naming the setting that is out of range and what is allowed
     */
    public StepControl {
        if (!(atol >= 0) || !(rtol >= 0) || atol + rtol == 0 || !Double.isFinite(atol + rtol)) {
            throw new IllegalArgumentException("atol = " + atol + ", rtol = " + rtol
                    + ": tolerances must be finite and ≥ 0, and not both 0");
        }
        if (!(dtMin > 0) || !(dtMax >= dtMin) || !(dtInitial >= dtMin) || !(dtInitial <= dtMax)
                || !Double.isFinite(dtMax)) {
            throw new IllegalArgumentException("dtMin = " + dtMin + ", dtMax = " + dtMax + ", dtInitial = " + dtInitial
                    + ": must satisfy 0 < dtMin ≤ dtInitial ≤ dtMax < ∞");
        }
        if (maxSteps < 1) {
            throw new IllegalArgumentException("maxSteps = " + maxSteps + ": must be at least 1");
        }
    }

    /** The settings with the default limit of {@value #DEFAULT_MAX_STEPS} steps per path. */
    public StepControl(double atol, double rtol, double dtMin, double dtMax, double dtInitial) {
        this(atol, rtol, dtMin, dtMax, dtInitial, DEFAULT_MAX_STEPS);
    }

    /**
     * Tolerances with the default bounds for a span of length {@code span}: dtMin = span · 2^-40, dtMax = span,
     * dtInitial = span / 64.
     *
     * @throws IllegalArgumentException naming a tolerance or span out of range
     */
    public static StepControl of(double atol, double rtol, double span) {
        if (!(span > 0) || !Double.isFinite(span)) {
            throw new IllegalArgumentException("span = " + span + ": must be finite and > 0");
        }
        return new StepControl(atol, rtol, Math.scalb(span, -40), span, span / 64);
    }

    /** These settings with another smallest step (the initial step raised to it if needed). */
    public StepControl withDtMin(double value) {
        return new StepControl(atol, rtol, value, Math.max(dtMax, value), Math.max(dtInitial, value), maxSteps);
    }

    /** These settings with another largest step (the initial step lowered to it if needed). */
    public StepControl withDtMax(double value) {
        return new StepControl(atol, rtol, Math.min(dtMin, value), value, Math.min(dtInitial, value), maxSteps);
    }

    /**
     * These settings with another limit of steps per path.
     *
     * @throws IllegalArgumentException when {@code value < 1}
     */
    public StepControl withMaxSteps(long value) {
        return new StepControl(atol, rtol, dtMin, dtMax, dtInitial, value);
    }
}
