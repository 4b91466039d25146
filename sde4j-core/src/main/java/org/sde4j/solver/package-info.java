/**
 * The contract of a scheme, and what a solve takes and returns.
 *
 * <p>A {@link org.sde4j.solver.Scheme} declares what it is (strong, weak and classical {@link org.sde4j.solver.Orders
 * orders}, calculus, supported noise structures, evaluations per step, the noise that drives it) and makes a
 * {@link org.sde4j.solver.Stepper}, which advances one state by one step with the workspace it allocated once (an
 * {@link org.sde4j.solver.ErrorEstimatingStepper} also estimates its local error; a
 * {@link org.sde4j.solver.ReversibleStepper} also steps back), or a {@link org.sde4j.solver.BlockStepper}, which
 * advances a block of paths in structure-of-arrays layout. A solve runs on a {@link org.sde4j.solver.TimeGrid},
 * returns a {@link org.sde4j.solver.Solution}, and fails with a {@link org.sde4j.solver.SolveDivergedException} or
 * {@link org.sde4j.solver.StepFailedException}.
 *
 * <p>The rest of the solver lives in sub-packages whose dependencies point one way (checked by
 * {@code ArchitectureTest}): {@link org.sde4j.solver.tableau} (stochastic Butcher tableaus, the data most schemes
 * are) ← {@link org.sde4j.solver.scheme} (the scheme definitions and their registry {@code Schemes}) ←
 * {@link org.sde4j.solver.engine} (what runs schemes: {@code Solver}, {@code PathSolver}, {@code BlockSolver},
 * {@code AdaptiveSolver}); and {@link org.sde4j.solver.tableau} ← {@link org.sde4j.solver.step} (one tableau step
 * over any vector space, with its backward pass, for the networks). This package uses none of them.
 *
 * <p>Threads: schemes, tableaus and time grids are immutable and may be shared by any number of threads. Steppers
 * hold per-path scratch buffers: one per thread.
 */
package org.sde4j.solver;
