/**
 * The one chunked Monte Carlo runner under everything in the library that averages over paths.
 *
 * <p>A {@link org.sde4j.montecarlo.ChunkPlan} says what one chunk computes (from the root seed and the chunk's
 * index alone) and how the chunks' parts fold, in chunk order, into a result. The
 * {@link org.sde4j.montecarlo.ChunkRunner} runs a plan on threads — every chunk folded as it comes, or a range of
 * chunks kept as a serialisable {@link org.sde4j.montecarlo.Shard} — and a {@link org.sde4j.montecarlo.ShardMerger}
 * folds shards from other threads, processes or machines in chunk order. Because the fold always sees the same
 * parts in the same order, the result has the same bits for any thread count and any split into shards.
 *
 * <p>Ensembles, strong and weak error studies and the bootstrap of an order's interval are plans; jobs that users
 * build ({@code Ensemble}, {@code StrongError}, {@code WeakError}) are {@link org.sde4j.montecarlo.MonteCarloJob}s,
 * and the Spark module runs any of them as one Spark job.
 */
package org.sde4j.montecarlo;
