/**
 * What the commands print and write: numbers that never print as NaN ({@link org.sde4j.cli.output.Format}),
 * JSON, aligned tables, progress bars, convergence and experiment plots, the generated {@code docs/solvers.md},
 * and the files they write — checked before the work ({@link org.sde4j.cli.output.OutputFile},
 * {@link org.sde4j.cli.output.OutputDirectory}, {@link org.sde4j.cli.output.DocumentFile}) and written atomically
 * ({@link org.sde4j.cli.output.AtomicFile}) — with the one-line error messages
 * ({@link org.sde4j.cli.output.Messages}).
 */
package org.sde4j.cli.output;
