/**
 * Stochastic Butcher tableaus: the data most schemes are.
 *
 * <p>A {@link org.sde4j.solver.tableau.StochasticTableau} holds the drift coefficients ({@code c}, {@code A},
 * {@code α}) and, per {@link org.sde4j.solver.tableau.NoiseTerm noise term} (ΔW, the space-time Lévy area, Rößler's
 * iterated-integral terms), the diffusion coefficients ({@code B}, {@code β}); Rößler's SRI and SRA coefficient sets
 * are {@link org.sde4j.solver.tableau.RosslerTableau}s. A {@link org.sde4j.solver.tableau.TableauPlan} gathers a
 * tableau's non-zero coefficients once into flat lists: the one place the coefficients are read, by the per-path
 * step of {@code RungeKuttaScheme}, the block step of {@code BlockTableauStepper} and the vector-space step
 * {@code BranchStep}.
 *
 * <p>Uses only the contract ({@link org.sde4j.solver}). Everything here is immutable.
 */
package org.sde4j.solver.tableau;
