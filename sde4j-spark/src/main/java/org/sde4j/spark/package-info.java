/**
 * sde4j's Monte Carlo jobs on Apache Spark: {@link org.sde4j.spark.SparkJob} runs any
 * {@link org.sde4j.montecarlo.MonteCarloJob} — an {@link org.sde4j.ensemble.Ensemble}, a
 * {@link org.sde4j.error.StrongError} or {@link org.sde4j.error.WeakError} study — as one Spark task per range of
 * chunks ({@link org.sde4j.montecarlo.MonteCarloJob#runChunks}) and folds the shards on the driver in chunk order
 * ({@link org.sde4j.montecarlo.ShardMerger}), so the result has the same bits as the job's
 * {@link org.sde4j.montecarlo.MonteCarloJob#run()} in one JVM, for any partition count, any order in which tasks
 * finish, and any task retried after a failure. The job reaches the executors as a {@link org.sde4j.spark.JobSpec}:
 * a serialisable recipe (a lambda, or a class named by its name).
 *
 * <p>Spark itself is a {@code provided} dependency: the cluster (or {@code spark-submit}) brings it.
 */
package org.sde4j.spark;
