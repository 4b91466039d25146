/**
 * sde4j ensembles on Apache Spark: {@link org.sde4j.spark.SparkEnsemble} runs an
 * {@link org.sde4j.ensemble.Ensemble} as one Spark task per range of chunks
 * ({@link org.sde4j.ensemble.Ensemble#runChunks}) and folds the shards on the driver in chunk order
 * ({@link org.sde4j.ensemble.ShardMerger}), so the result has the same bits as
 * {@link org.sde4j.ensemble.Ensemble#run()} in one JVM, for any partition count, any order in which tasks
 * finish, and any task retried after a failure. The ensemble reaches the executors as an
 * {@link org.sde4j.spark.EnsembleSpec}: a serialisable recipe (a lambda, or a class named by its name).
 *
 * <p>Spark itself is a {@code provided} dependency: the cluster (or {@code spark-submit}) brings it.
 */
package org.sde4j.spark;
