package org.sde4j.fit;

import java.util.List;

/**
 * A fitted model.
 *
 * @param model           the model's name
 * @param names           the natural parameters' names
 * @param estimates       the natural parameters at the maximum of the likelihood
 * @param standardErrors  their standard errors, from the inverse observed information (delta method for the
 *                        log-parametrised ones)
 * @param logLikelihood   the log-likelihood of the training transitions at the estimate
 * @param transitions     the number of training transitions
 * @param heldOutScore    the mean log predictive density of the held-out transitions (NaN when none held out)
 * @param heldOut         the number of held-out transitions
 * @param epochs          gradient-descent epochs run
 * @param lossCurve       the training loss (mean negative log-likelihood per transition) at each epoch
 * @param gradientNorm    the largest |∂ log L / ∂θ_j| / transitions at the estimate
 */
public record FitResult(String model, List<String> names, double[] estimates, double[] standardErrors,
        double logLikelihood, int transitions, double heldOutScore, int heldOut, int epochs, double[] lossCurve,
        double gradientNorm) {
}
