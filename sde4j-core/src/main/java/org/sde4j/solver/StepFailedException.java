package org.sde4j.solver;

import java.util.Locale;

/**
 * Thrown when a scheme cannot complete a step — for example when the Newton iteration of an implicit
 * scheme does not converge. The stepper reports the time and the reason; the solver adds the step
 * index and, in an ensemble, the path, so the message says exactly where the solve stopped.
 */
public final class StepFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final double time;
    private final int step;
    private final long path;

    private StepFailedException(String reason, double time, int step, long path, Throwable cause) {
        super(String.format(Locale.ROOT, "step failed at t = %s%s%s: %s", time, step >= 0 ? " (step " + step : "",
                step >= 0 ? (path >= 0 ? ", path " + path + ")" : ")") : (path >= 0 ? " (path " + path + ")" : ""),
                reason), cause);
        this.reason = reason;
        this.time = time;
        this.step = step;
        this.path = path;
    }

    /** A failure at time {@code t} of a step whose index the caller does not know. */
    public static StepFailedException at(double t, String reason) {
        return new StepFailedException(reason, t, -1, -1, null);
    }

    /** This failure with the step index (and path index, −1 if none) filled in. */
    public StepFailedException atStep(int stepIndex, long pathIndex) {
        return new StepFailedException(reason, time, stepIndex, pathIndex, this);
    }

    /** This failure with another path index (the step index kept). */
    public StepFailedException onPath(long pathIndex) {
        return new StepFailedException(reason, time, step, pathIndex, getCause() != null ? getCause() : this);
    }

    /** The time at the start of the failed step. */
    public double time() {
        return time;
    }

    /** The 0-based step index, or −1 when not known. */
    public int step() {
        return step;
    }

    /** The path index, or −1. */
    public long path() {
        return path;
    }
}
