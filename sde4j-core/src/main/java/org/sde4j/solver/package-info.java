/**
 * Schemes, the single-path solve and adaptive stepping.
 *
 * <p>A {@link org.sde4j.solver.Scheme} declares what it is (strong, weak and classical order, calculus,
 * supported noise structures, evaluations per step, the noise that drives it) and creates a
 * {@link org.sde4j.solver.Stepper}, which advances a state by one step with the workspace it allocated
 * once. A scheme knows nothing about a particular problem; {@link org.sde4j.solver.PathSolver} and
 * {@link org.sde4j.solver.Solver} join a problem, a scheme, a {@link org.sde4j.solver.TimeGrid} and a
 * Brownian source; {@link org.sde4j.solver.AdaptiveSolver} chooses the steps. The registry of named
 * schemes is {@link org.sde4j.solver.Schemes}.
 *
 * <p>Most Runge–Kutta-type schemes are data: a {@link org.sde4j.solver.StochasticTableau} (with
 * Rößler's SRI/SRA coefficient sets in {@link org.sde4j.solver.RosslerTableau}) run by the one generic
 * step of {@link org.sde4j.solver.RungeKuttaScheme}, Euler–Maruyama and derivative-free Milstein among them. A
 * tableau scheme may offer fused kernels of its own (a hand-written per-path step, a block loop) where a measured
 * margin earns them their place; the scheme chooses them, not the engine. Schemes with structure a tableau does not express —
 * Milstein with a user derivative, the drift-implicit θ-schemes, reversible Heun, linear multistep
 * methods — are classes of their own.
 *
 * <p>{@link org.sde4j.solver.BlockSolver} steps a block of paths at once in structure-of-arrays layout with
 * batched steppers (every tableau through one interpreter, or the scheme's own block kernel: Euler–Maruyama's,
 * Itô Milstein's), driven by a vectorised
 * {@link org.sde4j.random.BoxMullerStream}: the engine of fast ensembles. Its steps are those of the
 * per-path schemes, evaluated over the block (a test checks them against the per-path steppers).
 *
 * <p>Threads: {@link org.sde4j.solver.Scheme schemes}, tableaus and {@link org.sde4j.solver.TimeGrid time
 * grids} are immutable and may be shared by any number of threads. Solvers, steppers and
 * {@link org.sde4j.solver.BranchStep} hold per-path scratch buffers: one per thread
 * ({@code ConcurrentUseTest} runs eight threads on shared schemes and SDEs and checks they get the bits of a
 * run alone).
 */
package org.sde4j.solver;
