package org.sde4j.nn.sgd;

import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

/**
 * The stochastic modified equation (SME) of mini-batch SGD with learning rate η and batch B on a
 * {@link LeastSquaresSgd} problem (Li, Tai &amp; E 2017, "Stochastic modified equations and adaptive stochastic
 * gradient algorithms", ICML; Thm 1 and its second-order form):
 *
 * <pre>
 *   order 1:  dX = −∇f(X) dt                    + √(η Σ(X)/B) dW
 *   order 2:  dX = −∇(f + (η/4)|∇f|²)(X) dt     + √(η Σ(X)/B) dW   = −(1 + η h̄/2) ∇f(X) dt + …
 * </pre>
 *
 * (Itô), with SGD step k matched to time {@code t = kη}. For fixed T and smooth test functions φ,
 * {@code |E φ(x_{T/η}) − E φ(X_T)|} is O(η) for the first-order equation and O(η²) for the second.
 *
 * <p>Because the drift is affine and {@code Σ} quadratic in x, the first two moments of X solve a closed
 * linear system, solved here exactly ({@link #moments}): with {@code α = κ h̄} (κ = 1, or 1 + η h̄/2),
 *
 * <pre>
 *   m(t)  = x* + (x0 − x*) e^{−αt}
 *   s'(t) = λ s + β m + γ,   λ = −2α + η Var(a²)/B,  β = 2α x* − 2η Cov(a², ab)/B,  γ = η Var(ab)/B.
 * </pre>
 *
 * Immutable.
 */
public final class ModifiedEquation {
    private final LeastSquaresSgd problem;
    private final double eta;
    private final int batch;
    private final int order;
    private final double alpha;

    /**
     * @param problem the least-squares problem
     * @param eta     the learning rate η, positive
     * @param batch   the batch size B, at least 1
     * @param order   1 or 2
     */
    public ModifiedEquation(LeastSquaresSgd problem, double eta, int batch, int order) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta = " + eta + ": must be positive and finite");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("batch = " + batch + ": must be at least 1");
        }
        if (order != 1 && order != 2) {
            throw new IllegalArgumentException("order = " + order + ": must be 1 or 2");
        }
        this.problem = problem;
        this.eta = eta;
        this.batch = batch;
        this.order = order;
        this.alpha = problem.curvature() * (order == 2 ? 1 + eta * problem.curvature() / 2 : 1);
    }

    /** The equation as an Itô {@link Sde} with scalar noise, for sde4j's solvers. */
    public Sde sde() {
        double kappa = alpha / problem.curvature();
        double scale = eta / batch;
        return Sde.scalar((t, x) -> -kappa * problem.gradient(x),
                (t, x) -> Math.sqrt(scale * problem.gradientVariance(x)));
    }

    /** The problem of solving the equation from {@code x0} over {@code [0, T]}. */
    public SdeProblem problem(double x0, double horizon) {
        return SdeProblem.of(sde(), x0, 0, horizon);
    }

    /** 1 or 2. */
    public int order() {
        return order;
    }

    /** The exact first two moments of X_t from {@code X_0 = x0}. */
    public LeastSquaresSgd.Moments moments(double x0, double t) {
        if (!(t >= 0)) {
            throw new IllegalArgumentException("t = " + t + ": must be non-negative");
        }
        double[] c = linearCoefficients();
        double lambda = c[0];
        double beta = c[1];
        double gamma = c[2];
        double xStar = problem.minimiser();
        double d = x0 - xStar;
        double m = xStar + d * Math.exp(-alpha * t);
        double s = Math.exp(lambda * t) * x0 * x0 + (beta * xStar + gamma) * phi(lambda, t)
                + beta * d * Math.exp(-alpha * t) * phi(lambda + alpha, t);
        return new LeastSquaresSgd.Moments(m, s);
    }

    /**
     * The stationary moments: x* and {@code s = −(β x* + γ)/λ}.
     *
     * @throws IllegalArgumentException when λ ≥ 0 (the second moment grows without bound)
     */
    public LeastSquaresSgd.Moments stationary() {
        double[] c = linearCoefficients();
        if (!(c[0] < 0)) {
            throw new IllegalArgumentException("eta = " + eta + ", batch = " + batch + ": λ = " + c[0]
                    + " ≥ 0, the modified equation has no stationary second moment");
        }
        double xStar = problem.minimiser();
        return new LeastSquaresSgd.Moments(xStar, -(c[1] * xStar + c[2]) / c[0]);
    }

    /** {λ, β, γ}. */
    private double[] linearCoefficients() {
        double[] noise = problem.noiseMoments();
        double scale = eta / batch;
        return new double[] {-2 * alpha + scale * noise[0],
                2 * alpha * problem.minimiser() - 2 * scale * noise[1], scale * noise[2]};
    }

    /** (e^{zt} − 1)/z, and t at z = 0. */
    private static double phi(double z, double t) {
        return z == 0 ? t : Math.expm1(z * t) / z;
    }
}
