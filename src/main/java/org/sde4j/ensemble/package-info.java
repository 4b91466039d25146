/**
 * Many paths at once: {@link org.sde4j.ensemble.Ensemble} solves P paths of a problem in parallel and
 * returns running statistics ({@link org.sde4j.ensemble.RunningStatistics}) at the saved times.
 *
 * <p>Reproducibility contract: path i is driven by stream i of the seed
 * ({@link org.sde4j.random.RandomStreams}); statistics are accumulated in fixed chunks of
 * {@value org.sde4j.ensemble.Ensemble#CHUNK} consecutive paths and merged in chunk order. So the same
 * seed gives bit-identical results whatever the thread count or block size.
 */
package org.sde4j.ensemble;
