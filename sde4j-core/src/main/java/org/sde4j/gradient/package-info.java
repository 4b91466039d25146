/**
 * Gradients of SDE solves with respect to the parameters θ and the initial state: what fitting an SDE to
 * data needs. An SDE is a {@link org.sde4j.gradient.ParametricSde} (drift and diffusion as functions of
 * {@code (t, x, θ)} with their vector–Jacobian products); a loss reads the states at the saved steps of a
 * {@link org.sde4j.gradient.SolveGrid}. Three methods, one interface ({@link org.sde4j.gradient.SdeGradient}):
 *
 * <ul>
 *   <li>{@link org.sde4j.gradient.Backpropagation} — discretise-then-optimise through any tableau scheme
 *       (Euler–Maruyama, Heun, …), reusing {@link org.sde4j.solver.step.BranchStep}'s exact backward pass; memory
 *       grows with the steps;</li>
 *   <li>{@link org.sde4j.gradient.StochasticAdjoint} — the adjoint SDE of Li et al. (2020) solved backwards on the
 *       same Brownian path; memory flat in the steps, gradient exact only as h → 0;</li>
 *   <li>{@link org.sde4j.gradient.ReversibleHeunGradient} — reversible Heun (Kidger et al. 2021) rebuilt from its
 *       end by its algebraic reverse; memory flat, gradient equal to backpropagation to round-off.</li>
 * </ul>
 *
 * <p>{@link org.sde4j.gradient.NeuralSde} is a small neural SDE with hand-written vector–Jacobian products, and
 * {@link org.sde4j.gradient.MomentMatching} trains any of them as a generative model on marginal moments.
 *
 * <p>Place in the layering: after {@code solver} (it steps with the solver's schemes), beside {@code ensemble},
 * {@code error} and {@code problems}.
 */
package org.sde4j.gradient;
