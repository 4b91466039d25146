/**
 * Fitting one-dimensional SDEs to observed series by maximum likelihood on their exact transition laws:
 * {@link org.sde4j.fit.GbmModel geometric Brownian motion}, {@link org.sde4j.fit.OuModel Ornstein–Uhlenbeck} (on the
 * values or their logarithm) and {@link org.sde4j.fit.SeasonalOuModel OU around a seasonal mean}. The
 * {@link org.sde4j.fit.Fitter} runs gradient descent on the exact log-likelihood, polishes with Newton steps,
 * and reports standard errors from the observed information and a held-out predictive score.
 */
package org.sde4j.fit;
