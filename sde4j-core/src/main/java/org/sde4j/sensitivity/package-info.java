/**
 * Sensitivities of expectations, {@code ∂ E φ(X_T) / ∂θ} and {@code ∂ E φ(X_T) / ∂x0}, over many paths with standard
 * errors, on the chunked runner ({@link org.sde4j.montecarlo}): {@link org.sde4j.sensitivity.Sensitivities} is a
 * {@link org.sde4j.montecarlo.MonteCarloJob}, so it runs on threads, in shards and on Spark with the same bits.
 *
 * <ul>
 *   <li>Four methods ({@link org.sde4j.sensitivity.SensitivityMethod}): pathwise forward mode (tangents carried beside
 *       the state in structure-of-arrays blocks, {@link org.sde4j.sensitivity.TangentBlock}, for Euler–Maruyama and
 *       the Itô Milstein scheme); reverse mode, either in blocks ({@link org.sde4j.sensitivity.BlockAdjoint}) or per
 *       path with a backward pass of {@link org.sde4j.gradient} ({@link org.sde4j.sensitivity.AdjointMethod}); the
 *       likelihood ratio with discrete Bismut–Elworthy–Li weights, for payoffs with jumps; and central finite
 *       differences with common random numbers, the baseline. Γ by likelihood ratio on top of pathwise.</li>
 *   <li>Payoffs ({@link org.sde4j.sensitivity.Payoff}) and running costs ({@link org.sde4j.sensitivity.RunningCost});
 *       uniform and non-uniform grids; general noise ({@link org.sde4j.sensitivity.GeneralParametricSde}).</li>
 *   <li>The calculus is explicit: every method names the calculus it reads, and an SDE declared in the other one is
 *       converted by the Itô–Stratonovich correction ({@link org.sde4j.sensitivity.CalculusConversion}) or refused.
 *       {@link org.sde4j.sensitivity.AdjointMethod#itoAdjoint()} is the adjoint for Itô SDEs.</li>
 *   <li>{@link org.sde4j.sensitivity.CheckpointedBackpropagation}: exact gradients through any tableau scheme in
 *       O(√N) memory, {@link org.sde4j.sensitivity.RevolveBackpropagation} in O(log N) (binomial checkpointing);
 *       {@link org.sde4j.sensitivity.GradientCheck}: hand-written VJPs against central differences.</li>
 * </ul>
 *
 * <p>{@link org.sde4j.sensitivity.GreeksRecipe} names a job by strings and numbers (the models of {@code sde4j
 * greeks}), so that it can travel to Spark executors.
 *
 * <p>Place in the layering: after {@code gradient} (whose per-path methods it runs) and {@code montecarlo}, beside
 * {@code fit}; used by the command line only. docs/sensitivities.md has the measured results.
 */
package org.sde4j.sensitivity;
