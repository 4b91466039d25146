/**
 * The Spark glue of {@code solve --spark} and {@code convergence --spark}: the recipes of the two commands' jobs,
 * made of names and numbers so that they travel to the executors ({@code LibraryEnsemble}, {@code LibraryStudy}),
 * the one call that runs a recipe with {@link org.sde4j.spark.SparkJob} in a Spark context of its own
 * ({@code SparkSolve}), the commands' door to both ({@link org.sde4j.cli.spark.SparkRuns}), and the checks that a
 * master is valid and reachable and Spark is on the classpath ({@link org.sde4j.cli.spark.SparkOption}). Spark's
 * classes are loaded only when a job is run on Spark.
 */
package org.sde4j.cli.spark;
