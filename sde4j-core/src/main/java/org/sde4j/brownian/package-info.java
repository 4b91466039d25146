/**
 * Brownian sources: where a solver gets its increments {@code W(t) − W(s)}, and the richer noise some
 * schemes need.
 *
 * <p>One interface, {@link org.sde4j.brownian.BrownianSource}, queried by interval, so sources are
 * interchangeable. Names are honest about what a source can answer:
 *
 * <ul>
 * <li>{@link org.sde4j.brownian.StreamingBrownianIncrements} and
 *     {@link org.sde4j.brownian.NoiseDrivenIncrements} (any {@link org.sde4j.random.NoiseModel}) draw
 *     each increment once: consecutive intervals only, never twice, never refined.</li>
 * <li>{@link org.sde4j.brownian.GridBrownianPath} stores a grid: the same path at coarser
 *     resolutions.</li>
 * <li>{@link org.sde4j.brownian.RefinableGridPath} adds Brownian-bridge refinement between grid
 *     points and space-time Lévy area; {@link org.sde4j.brownian.VirtualBrownianTree} answers any
 *     interval to a tolerance without storing the path. Both give values that depend on the seed and
 *     the times only, never on the order of queries.</li>
 * <li>{@link org.sde4j.brownian.OnDemandBrownianPath}, the adaptive ensembles' path: values drawn when first
 *     asked for (forward, or as a bridge between kept points) and remembered, so a rejected step's noise is
 *     never redrawn; values at its anchor times are a pure function of the key, the rest depend on the order of
 *     queries, which a solver makes deterministic. {@link org.sde4j.brownian.LaneBrownianPaths} keeps many such
 *     paths at once, structure-of-arrays, for the block-adaptive engine (the same bits per path).</li>
 * <li>{@link org.sde4j.brownian.CorrelatedBrownianMotion}: {@code L B} for a covariance {@code L Lᵀ}.</li>
 * <li>{@link org.sde4j.brownian.IteratedIntegralSource}s supply the iterated Itô integrals of m ≥ 2
 *     noises ({@link org.sde4j.brownian.LevyAreaMethod}: Kloeden–Platen–Wright or Wiktorsson), which
 *     the Milstein scheme for non-commutative noise needs.</li>
 * </ul>
 *
 * <p>{@link org.sde4j.brownian.BrownianSourceFactory} makes path i's source from (seed, i) only, which
 * keeps ensembles reproducible.
 */
package org.sde4j.brownian;
