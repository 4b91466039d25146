/**
 * sde4j ensembles on Apache Spark: {@link org.sde4j.spark.SparkEnsemble} runs an
 * {@link org.sde4j.ensemble.Ensemble} as one Spark task per range of chunks
 * ({@link org.sde4j.ensemble.Ensemble#runChunks}) and folds the shards on the driver in chunk order
 * ({@link org.sde4j.ensemble.ShardMerger}), so the result has the same bits as
 * {@link org.sde4j.ensemble.Ensemble#run()} in one JVM, for any partition count, any order in which tasks
 * finish, and any task retried after a failure. The ensemble reaches the executors as an
 * {@link org.sde4j.spark.EnsembleSpec}: a serialisable recipe (a lambda, or a class named by its name).
 * {@link org.sde4j.spark.SparkConvergence} does the same for strong and weak convergence studies
 * ({@link org.sde4j.error.ConvergenceStudy#runChunks}, {@link org.sde4j.error.StudyMerger}), from a
 * {@link org.sde4j.spark.StudySpec}, with the bits of {@link org.sde4j.error.ConvergenceStudy#run()}.
 *
 * <p>Spark itself is a {@code provided} dependency: the cluster (or {@code spark-submit}) brings it.
 */
package org.sde4j.spark;
