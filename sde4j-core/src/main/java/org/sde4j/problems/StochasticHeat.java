package org.sde4j.problems;

import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Require;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

/**
 * The stochastic heat equation {@code du = ν u_xx dt + σ dW(t, x)} on (0, 1) with u = 0 at both ends, by the method
 * of lines: d interior points {@code x_i = i δ}, {@code δ = 1/(d + 1)}, {@code dU_i = ν (U_{i−1} − 2U_i + U_{i+1})/δ²
 * dt + σ dW_i}, d independent noises (additive), U(0) = 0. A stiff linear system: the eigenvalues of the drift
 * matrix are {@code λ_k = −(4ν/δ²) sin²(kπδ/2)}, k = 1 … d (spectral radius ≈ 4ν(d + 1)², smallest |λ| ≈ νπ²), with
 * orthonormal eigenvectors {@code √(2δ) sin(kπ x_i)}, so each mode is an Ornstein–Uhlenbeck process and the sum of
 * the component variances is exact: {@code Σ_i Var U_i(t) = Σ_k σ² (1 − e^{2λ_k t})/(−2λ_k)}, and so is the variance
 * of the spatial mean {@code M = δ Σ_i U_i}: {@code Var M(t) = Σ_k w_k σ² (1 − e^{2λ_k t})/(−2λ_k)} with
 * {@code w_k = (δ Σ_i √(2δ) sin(kπ x_i))²} (0 for even k, decaying like 1/k² for odd k: a slow observable, the one
 * stiff solvers must get right while they damp the fast modes).
 */
public final class StochasticHeat {
    private final int d;
    private final double nu;
    private final double sigma;
    private final double inverseSquare;

    private StochasticHeat(int d, double nu, double sigma) {
        this.d = d;
        this.nu = nu;
        this.sigma = sigma;
        double delta = 1.0 / (d + 1);
        this.inverseSquare = nu / (delta * delta);
    }

    /**
     * @param d     interior points, ≥ 2
     * @param nu    diffusivity, &gt; 0
     * @param sigma noise amplitude, finite
     * @throws IllegalArgumentException naming a value out of range
     */
    public static StochasticHeat of(int d, double nu, double sigma) {
        if (d < 2) {
            throw new IllegalArgumentException("d = " + d + ": must be ≥ 2");
        }
        Require.positive("nu", nu);
        Require.finite("sigma", sigma);
        return new StochasticHeat(d, nu, sigma);
    }

    /**
     * The SDE, with its (tridiagonal) drift Jacobian for implicit schemes and its exact spectral radius
     * ({@link #spectralRadius}) for SK-ROCK's stage count.
     */
    public Sde sde() {
        double rho = spectralRadius();
        double c = inverseSquare;
        double s = sigma;
        int n = d;
        return Sde.builder(n, n)
                .drift((t, x, out) -> {
                    for (int i = 0; i < n; i++) {
                        double left = i > 0 ? x[i - 1] : 0;
                        double right = i < n - 1 ? x[i + 1] : 0;
                        out[i] = c * (left - 2 * x[i] + right);
                    }
                })
                .diffusion((t, x, dw, out) -> {
                    for (int i = 0; i < n; i++) {
                        out[i] = s * dw[i];
                    }
                }, NoiseStructure.ADDITIVE)
                .driftJacobian((t, x, out) -> {
                    java.util.Arrays.fill(out, 0);
                    for (int i = 0; i < n; i++) {
                        out[i * n + i] = -2 * c;
                        if (i > 0) {
                            out[i * n + i - 1] = c;
                        }
                        if (i < n - 1) {
                            out[i * n + i + 1] = c;
                        }
                    }
                })
                .driftSpectralRadius((t, x) -> rho)
                .build();
    }

    /** The problem on [0, t1] from U = 0. */
    public SdeProblem problem(double t1) {
        return new SdeProblem(sde(), new double[d], 0, t1);
    }

    /** d. */
    public int dimension() {
        return d;
    }

    /** σ. */
    public double sigma() {
        return sigma;
    }

    /** λ_k, k = 1 … d. */
    public double eigenvalue(int k) {
        double sine = Math.sin(k * Math.PI / (2.0 * (d + 1)));
        return -4 * inverseSquare * sine * sine;
    }

    /** The spectral radius |λ_d| of the drift matrix. */
    public double spectralRadius() {
        return -eigenvalue(d);
    }

    /** w_k, the weight of mode k in the variance of the spatial mean. */
    public double meanWeight(int k) {
        double delta = 1.0 / (d + 1);
        double sum = 0;
        for (int i = 1; i <= d; i++) {
            sum += Math.sin(k * Math.PI * i * delta);
        }
        double projection = delta * Math.sqrt(2 * delta) * sum;
        return projection * projection;
    }

    /** {@code Var M(t) = Σ_k w_k σ² (1 − e^{2λ_k t})/(−2λ_k)}, M = δ Σ_i U_i. */
    public double meanVariance(double t) {
        double sum = 0;
        for (int k = 1; k <= d; k++) {
            double lambda = eigenvalue(k);
            sum += meanWeight(k) * sigma * sigma * -Math.expm1(2 * lambda * t) / (-2 * lambda);
        }
        return sum;
    }

    /** {@code Σ_i Var U_i(t) = Σ_k σ² (1 − e^{2λ_k t})/(−2λ_k)}. */
    public double varianceTrace(double t) {
        double sum = 0;
        for (int k = 1; k <= d; k++) {
            double lambda = eigenvalue(k);
            sum += sigma * sigma * -Math.expm1(2 * lambda * t) / (-2 * lambda);
        }
        return sum;
    }
}
