/**
 * Multilevel Monte Carlo: {@code E φ(X_T)} to a tolerance ε with an error bar, at a cost near ε⁻² instead of plain
 * Monte Carlo's ε⁻³ (Giles 2008, Oper. Res. 56(3); Giles 2015, Acta Numerica 24).
 *
 * <p>{@link org.sde4j.multilevel.Multilevel} runs Giles' adaptive algorithm; each level's samples are a
 * {@link org.sde4j.multilevel.LevelJob} on the chunked runner ({@code org.sde4j.montecarlo}): fine and coarse solves
 * on the same Brownian increments ({@link org.sde4j.multilevel.Coupling}), reduced to
 * {@link org.sde4j.multilevel.LevelSums}, bit-identical for any thread count and mergeable from shards.
 * {@link org.sde4j.multilevel.Payoff} holds the functionals and their couplings (European, Asian, lookback,
 * digital); {@link org.sde4j.multilevel.RandomisedQmc} is randomised quasi-Monte Carlo on scrambled Sobol points
 * ({@code org.sde4j.qmc}) with Brownian-bridge paths, and {@link org.sde4j.multilevel.MultilevelQmc} the two
 * combined (Giles &amp; Waterhouse 2009); {@link org.sde4j.multilevel.GbmFormulas} are the closed forms
 * the estimators are checked against; {@link org.sde4j.multilevel.Estimates} is the small entry point a command
 * line calls.
 */
package org.sde4j.multilevel;
