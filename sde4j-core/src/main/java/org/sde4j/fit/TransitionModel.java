package org.sde4j.fit;

import java.util.List;

/**
 * A one-dimensional SDE whose transition law over any interval is Gaussian in a known transform of the state,
 * so that its exact log-likelihood is a sum over consecutive observations:
 *
 * <pre>    log L(θ) = Σ_i log p_θ(x_{i+1} | x_i, t_i, t_{i+1}),    y(x_{i+1}) | x_i ~ N(m_i(θ), v_i(θ)),
 *    log p = −½ log(2π v_i) − (y(x_{i+1}) − m_i)² / (2 v_i) + log y'(x_{i+1}).</pre>
 *
 * <p>The parameters θ are unconstrained (positive quantities enter through their logarithm);
 * {@link #natural} maps them to the quantities a user reads.
 */
public interface TransitionModel {
    /** The model's name as the command line spells it. */
    String name();

    /** The names of the natural parameters, in order. */
    List<String> parameterNames();

    /** A starting point for the optimiser, from the data (unconstrained θ). */
    double[] initialGuess(TimeSeries series);

    /** Whether the model needs positive values (a log-transform of the state). */
    default boolean needsPositiveValues() {
        return false;
    }

    /**
     * The transformed next state {@code y(x_{i+1})} and {@code log y'(x_{i+1})}: out[0], out[1].
     */
    void observation(double next, double[] out);

    /**
     * The conditional mean and variance of {@code y(x_{i+1})} given {@code x_i}, and their gradients.
     *
     * @param theta     unconstrained parameters (not modified)
     * @param mean      out: mean and its gradient: mean[0] = m, mean[1 + j] = ∂m/∂θ_j
     * @param variance  out: variance[0] = v, variance[1 + j] = ∂v/∂θ_j
     */
    void transition(double[] theta, double t, double x, double next, double[] mean, double[] variance);

    /** The natural parameters from θ. */
    double[] natural(double[] theta);

    /** {@code d natural_j / d θ_j} (every transform is elementwise), for delta-method standard errors. */
    double[] naturalDerivative(double[] theta);

    /** Draws {@code x_{i+1}} given {@code x_i} from the exact transition, with a standard normal z. */
    double sample(double[] theta, double t, double x, double next, double z);

    /** The number of unconstrained parameters. */
    /** What to change when the parameters are not identified by a series: a model with fewer parameters, more data. */
    default String identificationHint() {
        return "use a simpler model or a longer series";
    }

    default int parameterCount() {
        return parameterNames().size();
    }
}
