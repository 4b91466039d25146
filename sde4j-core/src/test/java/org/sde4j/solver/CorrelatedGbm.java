package org.sde4j.solver;

import org.sde4j.sde.NoiseProcess;
import org.sde4j.sde.PathwiseSolution;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

/**
 * The test problem of correlated noise: two geometric Brownian motions {@code dX_i = μ_i X_i dt + σ_i X_i dW_i}
 * with {@code E[W_1(t) W_2(t)] = C_12 t}, written as a user would (diagonal noise, the correlation on the
 * problem). Closed form {@code X_i(t) = X_i(0) exp((μ_i − C_ii σ_i²/2) t + σ_i W_i(t))}, so
 * {@code E[X_1 X_2](T) = X_1(0) X_2(0) exp((μ_1 + μ_2 + C_12 σ_1 σ_2) T)}.
 */
public final class CorrelatedGbm {
    public static final double[] MU = {0.1, -0.2};
    public static final double[] SIGMA = {0.3, 0.5};
    public static final double[] X0 = {1.0, 2.0};
    public static final double RHO = 0.7;

    private CorrelatedGbm() {
    }

    /** The SDE with diagonal noise and the diffusion derivative (for Itô Milstein). */
    public static Sde sde() {
        return Sde.builder(2, 2).drift((t, x, out) -> {
            out[0] = MU[0] * x[0];
            out[1] = MU[1] * x[1];
        }).diagonalDiffusion((t, x, out) -> {
            out[0] = SIGMA[0] * x[0];
            out[1] = SIGMA[1] * x[1];
        }).diffusionDerivative((t, x, out) -> {
            out[0] = SIGMA[0];
            out[1] = SIGMA[1];
        }).build();
    }

    /** On [0, 1] with correlation ρ = {@value #RHO}. */
    public static SdeProblem problem() {
        return problem(NoiseProcess.correlation(new double[][] {{1, RHO}, {RHO, 1}}));
    }

    /** On [0, 1] driven by {@code noise}. */
    public static SdeProblem problem(NoiseProcess noise) {
        return new SdeProblem(sde(), X0, 0, 1).withNoise(noise);
    }

    /** The exact solution on the correlated W, for variances {@code c_ii}. */
    public static PathwiseSolution solution(double c11, double c22) {
        return (t, w, out) -> {
            out[0] = X0[0] * Math.exp((MU[0] - 0.5 * c11 * SIGMA[0] * SIGMA[0]) * t + SIGMA[0] * w[0]);
            out[1] = X0[1] * Math.exp((MU[1] - 0.5 * c22 * SIGMA[1] * SIGMA[1]) * t + SIGMA[1] * w[1]);
        };
    }

    /** {@code E[X_1 X_2](T)} for covariance entry {@code c12}. */
    public static double productMean(double c12, double t) {
        return X0[0] * X0[1] * Math.exp((MU[0] + MU[1] + c12 * SIGMA[0] * SIGMA[1]) * t);
    }

    /**
     * Euler–Maruyama's own {@code E[X_1 X_2]} after N steps of h: each step multiplies it by
     * {@code (1 + μ_1 h)(1 + μ_2 h) + C_12 σ_1 σ_2 h}.
     */
    public static double eulerProductMean(double c12, double t, int steps) {
        double h = t / steps;
        return X0[0] * X0[1] * Math.pow((1 + MU[0] * h) * (1 + MU[1] * h) + c12 * SIGMA[0] * SIGMA[1] * h, steps);
    }
}
