/**
 * Measuring schemes: strong and weak errors at several step sizes, orders of convergence with
 * confidence intervals, work–precision data, and assertions for users' test suites.
 *
 * <ul>
 * <li>{@link org.sde4j.error.StrongError}: {@code E‖X_N − X‖} at the final time, RMS or maximum over the
 *     saved times, on the same Brownian path at every step size, against the exact pathwise solution or
 *     a fine reference solution on that path.</li>
 * <li>{@link org.sde4j.error.WeakError}: {@code |E φ(X_N) − E φ(X_T)|} with the exact expectation or a
 *     reference, common random numbers across levels, an optional
 *     {@link org.sde4j.error.ControlVariate}, Gaussian or ±√Δt (two-point {@link org.sde4j.random.NoiseModels#twoPoint()} increments)
 *     increments.</li>
 * <li>{@link org.sde4j.error.OrderEstimate}: the least-squares slope of log error against log Δt with a
 *     95 % bootstrap interval over paths, and the pairwise estimate ({@link org.sde4j.error.OrderFit}).</li>
 * <li>{@link org.sde4j.error.WorkPrecision}: error against function evaluations and CPU time, per scheme.</li>
 * <li>{@link org.sde4j.error.ConvergenceAssertions}: one-line order checks for JUnit tests, failing with
 *     a readable report.</li>
 * </ul>
 *
 * <p>Everything runs in parallel over paths on the chunked runner ({@link org.sde4j.montecarlo.ChunkRunner}) and
 * is bit-reproducible by seed for any thread count. Studies also shard over processes or machines:
 * {@link org.sde4j.error.ConvergenceStudy#runChunks} returns a serialisable {@link org.sde4j.montecarlo.Shard}
 * and the study's {@link org.sde4j.error.ConvergenceStudy#merger() merger} folds the shards, in any order, into the
 * result of {@link org.sde4j.error.ConvergenceStudy#run()}, bit for bit.
 *
 * <p>Threads: a study ({@link org.sde4j.error.StrongError}, {@link org.sde4j.error.WeakError}) is a
 * mutable builder for one thread; its results are immutable. User functions (functionals, exact solutions,
 * control variates) are called from worker threads and must be thread-safe.
 */
package org.sde4j.error;
