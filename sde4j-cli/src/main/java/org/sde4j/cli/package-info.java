/**
 * The {@code sde4j} command line: {@link org.sde4j.cli.Main} (launched by {@code bin/sde4j}), which registers the
 * commands, expands argument files, prepares every command's outputs before it runs, checks standard output
 * and turns failures into one-line messages and exit codes; and the Spark glue of {@code solve --spark} and
 * {@code convergence --spark} ({@link org.sde4j.cli.spark.SparkRuns}, {@link org.sde4j.cli.spark.SparkOption}).
 * The commands are in {@link org.sde4j.cli.command}, what they print and write (JSON, tables, number formats,
 * plots, progress, document sections, output files) in {@link org.sde4j.cli.output}, the studies behind the
 * experiment commands in {@link org.sde4j.cli.experiment}, and {@code bench} in {@link org.sde4j.cli.bench}.
 * Depends on the core, the networks and the notebook tooling; nothing depends on it.
 */
package org.sde4j.cli;
