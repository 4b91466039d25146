/**
 * Seeded random streams and noise models. Every path (or any other independent unit of work) draws
 * from its own stream, derived from a root seed and the unit's index only
 * ({@link org.sde4j.random.RandomStreams}), so results do not depend on threads, batching or the order
 * in which work is done. {@link org.sde4j.random.KeyedStream} is a counter-based stream re-keyed in
 * O(1), for values that must be a pure function of a key (the nodes of a virtual Brownian tree).
 * {@link org.sde4j.random.BoxMullerStream} is a fast stream of standard normals for blocks of paths: sixteen
 * xoshiro256++ lanes and the Box–Muller transform, on the JDK vector API when present, with a scalar kernel
 * that gives the same bits. {@link org.sde4j.random.NoiseStream} is its twin for a weak scheme's own law: unit-step
 * draws of a {@link org.sde4j.random.NoiseModel} (two- or three-point), keyed by the seed and the block's index.
 *
 * <p>{@link org.sde4j.random.NoiseModel}s are the laws of a scheme's increments — Gaussian, two- and
 * three-point (weak schemes), Bernoulli and uniform (stochastic depth, shake-shake) — each with its
 * stated moments ({@link org.sde4j.random.NoiseModels}).
 */
package org.sde4j.random;
