package org.sde4j.multilevel;

import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;

/** Test problems with exact expectations. */
final class Models {
    private Models() {
    }

    /**
     * A nonlinear SDE with an exact mean: {@code dX = ½ X dt + √(1 + X²) dW}, X(0) = x₀, solved by
     * {@code X_t = sinh(W_t + asinh x₀)} (Itô: d sinh(W) = cosh(W) dW + ½ sinh(W) dt), so
     * {@code E X_T = sinh(asinh x₀) e^{T/2} = x₀ e^{T/2}} and {@code ∂g/∂x = X/√(1 + X²)}.
     */
    static SdeProblem sinh(double x0, double t) {
        Sde sde = Sde.scalar((time, x) -> 0.5 * x, (time, x) -> Math.sqrt(1 + x * x))
                .withDiffusionDerivative((time, x) -> x / Math.sqrt(1 + x * x));
        return SdeProblem.of(sde, x0, 0, t);
    }

    static double sinhMean(double x0, double t) {
        return x0 * Math.exp(t / 2);
    }
}
