package org.sde4j.sensitivity;

import java.io.Serializable;

/**
 * A function φ(X_T, θ) of the final state whose expectation is differentiated, with its gradient where it has
 * one. A payoff may depend on θ (a discount factor e^{−rT} with r among the parameters); its θ-gradient is added
 * to the pathwise and adjoint estimators, and the likelihood-ratio estimator adds {@code E ∂φ/∂θ} the same way.
 *
 * <p>A payoff that is not Lipschitz in x (a digital) declares {@link #differentiable()} false: its pathwise
 * derivative is zero almost everywhere and misses the mass at the jump, so the pathwise and adjoint methods
 * refuse it and only the likelihood-ratio and finite-difference methods apply.
 */
public interface Payoff extends Serializable {
    /**
     * φ and its gradients.
     *
     * @param x      the final state, length d (not modified)
     * @param theta  the parameters, length p (not modified)
     * @param dx     {@code ∂φ/∂x}, length d (modified: every entry written; zeros where φ is flat or jumps)
     * @param dTheta {@code ∂φ/∂θ}, length p (modified: every entry written)
     * @return φ(x, θ)
     */
    double evaluate(double[] x, double[] theta, double[] dx, double[] dTheta);

    /** Whether φ is Lipschitz in x, so that its pathwise derivative is an unbiased estimator. */
    default boolean differentiable() {
        return true;
    }

    /** A short name for messages and reports. */
    default String name() {
        return getClass().getSimpleName();
    }

    /** φ = x_i. */
    static Payoff component(int i) {
        return named("x[" + i + "]", true, (x, theta, dx, dTheta) -> {
            java.util.Arrays.fill(dx, 0);
            java.util.Arrays.fill(dTheta, 0);
            dx[i] = 1;
            return x[i];
        });
    }

    /** φ = x_i²: smooth, for checks against closed-form second moments. */
    static Payoff square(int i) {
        return named("x[" + i + "]^2", true, (x, theta, dx, dTheta) -> {
            java.util.Arrays.fill(dx, 0);
            java.util.Arrays.fill(dTheta, 0);
            dx[i] = 2 * x[i];
            return x[i] * x[i];
        });
    }

    /**
     * A discounted European call on {@code s = x_i} (or on {@code s = exp(x_i)} when {@code logState}):
     * {@code e^{−θ_r T} (s − K)⁺}, with θ_r the rate's index in θ (or −1 for no discounting).
     */
    static Payoff call(int i, double strike, boolean logState, int rateIndex, double maturity) {
        return european(i, strike, logState, rateIndex, maturity, false);
    }

    /** The discounted cash-or-nothing digital call {@code e^{−θ_r T} 1{s > K}}; not differentiable. */
    static Payoff digital(int i, double strike, boolean logState, int rateIndex, double maturity) {
        return european(i, strike, logState, rateIndex, maturity, true);
    }

    private static Payoff european(int i, double strike, boolean logState, int rateIndex, double maturity,
            boolean digital) {
        String name = (digital ? "digital" : "call") + "(K = " + strike + (logState ? ", log state" : "") + ")";
        return named(name, !digital, (x, theta, dx, dTheta) -> {
            java.util.Arrays.fill(dx, 0);
            java.util.Arrays.fill(dTheta, 0);
            double s = logState ? Math.exp(x[i]) : x[i];
            double discount = rateIndex < 0 ? 1 : Math.exp(-theta[rateIndex] * maturity);
            double value;
            if (digital) {
                value = s > strike ? discount : 0;
            } else {
                value = s > strike ? discount * (s - strike) : 0;
                dx[i] = s > strike ? discount * (logState ? s : 1) : 0;
            }
            if (rateIndex >= 0) {
                dTheta[rateIndex] = -maturity * value;
            }
            return value;
        });
    }

    /** Gives a lambda a name and a smoothness flag. */
    static Payoff named(String name, boolean differentiable, Payoff payoff) {
        return new Payoff() {
            private static final long serialVersionUID = 1L;

            @Override
            public double evaluate(double[] x, double[] theta, double[] dx, double[] dTheta) {
                return payoff.evaluate(x, theta, dx, dTheta);
            }

            @Override
            public boolean differentiable() {
                return differentiable;
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
