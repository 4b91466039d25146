package org.sde4j.solver;

import java.util.Arrays;
import java.util.Locale;

/**
 * Thrown when a state becomes NaN or infinite during a solve: the solve stops at once and reports
 * where — the time at the end of the step, the step index and, in an ensemble, the path.
 */
public final class SolveDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final double time;
    private final int step;
    private final long path;
    private final double[] state;

    /**
     * @param time  time at the end of the failing step
     * @param step  index of the failing step (0-based)
     * @param path  path index, or −1 for a single-path solve
     * @param state the non-finite state
     */
    public SolveDivergedException(double time, int step, long path, double[] state) {
        super(String.format(Locale.ROOT, "solve diverged at t = %s (step %d%s): state %s is not finite;"
                + " a smaller step size or an implicit scheme may help", time, step,
                path >= 0 ? ", path " + path : "", Arrays.toString(state)));
        this.time = time;
        this.step = step;
        this.path = path;
        this.state = state.clone();
    }

    /** The time at the end of the step where the state stopped being finite. */
    public double time() {
        return time;
    }

    /** The 0-based index of that step. */
    public int step() {
        return step;
    }

    /** The path index, or −1 for a single-path solve. */
    public long path() {
        return path;
    }

    /** A copy of the state that stopped being finite. */
    public double[] state() {
        return state.clone();
    }

    /** This exception with the path index filled in. */
    public SolveDivergedException onPath(long pathIndex) {
        return new SolveDivergedException(time, step, pathIndex, state);
    }
}
