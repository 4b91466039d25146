/**
 * Sensitivities of expectations, {@code ∂ E φ(X_T) / ∂θ} and {@code ∂ E φ(X_T) / ∂x0}, over many paths with standard
 * errors, on the chunked runner ({@link org.sde4j.montecarlo}): {@link org.sde4j.sensitivity.Sensitivities} is a
 * {@link org.sde4j.montecarlo.MonteCarloJob}, so it runs on threads, in shards and on Spark with the same bits.
 * Four methods ({@link org.sde4j.sensitivity.SensitivityMethod}): pathwise forward mode (tangents carried beside the
 * state in structure-of-arrays blocks, for Euler–Maruyama and the Itô Milstein scheme), pathwise adjoint per path
 * (the backward passes of {@link org.sde4j.gradient}), likelihood ratio with discrete Bismut–Elworthy–Li weights
 * for payoffs with jumps, and central finite differences with common random numbers, the baseline. Γ by likelihood
 * ratio on top of pathwise. The calculus is explicit: every method names the calculus it reads
 * ({@link org.sde4j.sensitivity.TangentScheme#calculus()}, {@link org.sde4j.sensitivity.AdjointMethod}), and an SDE
 * declared in the other one is converted by the Itô–Stratonovich correction
 * ({@link org.sde4j.sensitivity.CalculusConversion}) or refused.
 *
 * <p>Place in the layering: after {@code gradient} (whose per-path methods it runs) and {@code montecarlo}, beside
 * {@code fit}; used by the command line only.
 */
package org.sde4j.sensitivity;
