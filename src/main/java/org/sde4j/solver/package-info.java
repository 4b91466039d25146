/**
 * Schemes and the single-path solve.
 *
 * <p>A {@link org.sde4j.solver.Scheme} declares what it is (strong and weak order, calculus, supported
 * noise structures, evaluations per step) and creates a {@link org.sde4j.solver.Stepper}, which
 * advances a state by one step with the workspace it allocated once. A scheme knows nothing about a
 * particular problem; {@link org.sde4j.solver.Solver} joins a problem, a scheme, a
 * {@link org.sde4j.solver.TimeGrid} and a Brownian source. The registry of named schemes is
 * {@link org.sde4j.solver.Schemes}.
 */
package org.sde4j.solver;
