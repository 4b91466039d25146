package org.sde4j.models.jump;

/**
 * The exact state at t1 of a jump diffusion with constant intensity, given its Brownian path's end value and its
 * jumps (for Merton: {@code X = x0 exp((μ − σ²/2)T + σ W_T + Σ ξ_k)}).
 */
@FunctionalInterface
public interface ExactSolution {
    /**
     * @param x0   the initial state (not modified)
     * @param wEnd W(t1) − W(t0), length m (not modified)
     * @param jumps the path's jumps (all kept: constant intensity)
     * @param out  the exact state at t1 (overwritten)
     */
    void value(double[] x0, double[] wEnd, JumpSchedule jumps, double[] out);
}
