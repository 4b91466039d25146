package org.sde4j.solver;

/**
 * The states of one path at the saved times. Immutable (accessors copy).
 */
public final class Solution {
    private final double[] times;
    private final double[][] states;

    public Solution(double[] times, double[][] states) {
        this.times = times;
        this.states = states;
    }

    /** The number of saved states. */
    public int size() {
        return times.length;
    }

    /** The i-th saved time. */
    public double time(int i) {
        return times[i];
    }

    /** A copy of the i-th saved state. */
    public double[] state(int i) {
        return states[i].clone();
    }

    /** A copy of the last saved state (the state at t1 when the end time was saved). */
    public double[] finalState() {
        return states[states.length - 1].clone();
    }

    /** A copy of the saved times. */
    public double[] times() {
        return times.clone();
    }
}
