/**
 * The scheme definitions and their registry.
 *
 * <p>{@link org.sde4j.solver.scheme.Schemes} lists every named scheme ({@code bin/sde4j list},
 * {@code --scheme NAME}). Most schemes are a tableau run by the one generic step of
 * {@link org.sde4j.solver.scheme.RungeKuttaScheme} (Euler–Maruyama, Heun, midpoint, RK4, derivative-free Milstein,
 * Rößler's SRI/SRA, the weak schemes): a new one is a constant plus one registry line. A tableau scheme may offer
 * fused kernels of its own where a measured margin earns them their place; the scheme chooses them, not the
 * engine. Schemes with structure a tableau does not express — Milstein with a user derivative, the drift-implicit
 * θ-schemes, reversible Heun, linear multistep methods — are classes of their own; all of them carry their
 * declarations in a {@link org.sde4j.solver.scheme.DeclaredScheme}.
 *
 * <p>Uses the contract ({@link org.sde4j.solver}) and the tableaus ({@link org.sde4j.solver.tableau}); the
 * engines ({@link org.sde4j.solver.engine}) use it. Schemes are immutable and may be shared by any number of
 * threads.
 */
package org.sde4j.solver.scheme;
