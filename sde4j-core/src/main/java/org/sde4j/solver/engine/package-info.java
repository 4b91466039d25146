/**
 * The engines that run schemes over time grids.
 *
 * <p>{@link org.sde4j.solver.engine.Solver} solves one path and returns a {@code Solution};
 * {@link org.sde4j.solver.engine.PathSolver} is the per-path engine under it and under ensembles and convergence
 * studies (any scheme, any Brownian source). {@link org.sde4j.solver.engine.BlockSolver} steps a block of paths at
 * once in structure-of-arrays layout with batched steppers (every tableau through
 * {@link org.sde4j.solver.engine.BlockTableauStepper}, or the scheme's own fused kernel), driven by a vectorised
 * Gaussian stream; a test checks its steps against the per-path steppers. {@link org.sde4j.solver.engine.AdaptiveSolver}
 * chooses the steps from an embedded error estimate. The adaptive ensembles' engines step each path on its own error
 * estimate and its own on-demand Brownian path: {@link org.sde4j.solver.engine.PathAdaptiveSolver} path after path,
 * {@link org.sde4j.solver.engine.BlockAdaptiveSolver} 256 paths at once, one per lane, with the same bits.
 *
 * <p>Uses the contract, the tableaus and the schemes. Solvers hold per-path scratch buffers: one per thread.
 */
package org.sde4j.solver.engine;
