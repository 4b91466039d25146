/**
 * Many paths at once: {@link org.sde4j.ensemble.Ensemble} solves P paths of a problem in parallel and
 * returns running statistics ({@link org.sde4j.ensemble.RunningStatistics}, {@link org.sde4j.ensemble.Histogram})
 * at the saved times.
 *
 * <p>Reproducibility contract: paths are cut into fixed chunks of {@value org.sde4j.ensemble.Ensemble#CHUNK}
 * consecutive paths; chunk c's randomness depends only on (seed, c) — one vectorised Gaussian stream per
 * chunk on the block engine, stream i of the seed for path i on the path engine — and chunk statistics are
 * merged in chunk order as soon as every earlier chunk is done ({@link org.sde4j.montecarlo.ChunkRunner}).
 * So the same seed gives bit-identical results whatever the thread count or block size, and the memory is
 * O(threads × block) however many paths run.
 *
 * <p>Threads: an {@link org.sde4j.ensemble.Ensemble} is a mutable builder for one thread (it starts its own
 * workers); separate ensembles may run at once over one shared SDE and scheme, each giving the bits it gives
 * alone. {@link org.sde4j.ensemble.EnsembleResult} is immutable; {@link org.sde4j.ensemble.RunningStatistics}
 * and {@link org.sde4j.ensemble.Histogram} are not thread-safe (one per chunk, merged in order).
 * <p>Shards: an ensemble is a {@link org.sde4j.montecarlo.MonteCarloJob}; {@link org.sde4j.ensemble.Ensemble#runChunks}
 * runs a range of chunks into a serialisable {@link org.sde4j.montecarlo.Shard} (every chunk's exact statistics),
 * and the ensemble's {@link org.sde4j.ensemble.Ensemble#merger() merger} folds shards handed over in any order into
 * the result of {@link org.sde4j.ensemble.Ensemble#run()}, bit for bit — the basis of running one ensemble on many
 * machines.
 */
package org.sde4j.ensemble;
