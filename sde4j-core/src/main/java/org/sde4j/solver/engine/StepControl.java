package org.sde4j.solver.engine;

/**
 * The settings of adaptive stepping: tolerances and step bounds.
 *
 * @param atol      absolute tolerance, ≥ 0
 * @param rtol      relative tolerance, ≥ 0, not both 0
 * @param dtMin     smallest step allowed, &gt; 0: a path that needs a smaller one fails, naming its time and step
 * @param dtMax     largest step allowed, ≥ dtMin
 * @param dtInitial the first step tried, in [dtMin, dtMax]
 */
public record StepControl(double atol, double rtol, double dtMin, double dtMax, double dtInitial) {
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
        return new StepControl(atol, rtol, value, Math.max(dtMax, value), Math.max(dtInitial, value));
    }

    /** These settings with another largest step (the initial step lowered to it if needed). */
    public StepControl withDtMax(double value) {
        return new StepControl(atol, rtol, Math.min(dtMin, value), value, Math.min(dtInitial, value));
    }
}
