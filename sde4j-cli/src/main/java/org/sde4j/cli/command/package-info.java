/**
 * The subcommands of {@code sde4j} ({@code list}, {@code solve}, {@code tour}, {@code convergence}, {@code train},
 * {@code fit}, {@code notebooks}, {@code experiment}, {@code sgd-sde}, {@code depth-steps}, {@code non-lipschitz}),
 * one class each, and the options they share as picocli mixins ({@link org.sde4j.cli.command.ThreadsOption},
 * {@link org.sde4j.cli.command.SparkOptions}). A command reads its options, checks them (naming the option),
 * runs library or {@link org.sde4j.cli.experiment} code, and prints and writes through
 * {@link org.sde4j.cli.output}; no command calls another.
 */
package org.sde4j.cli.command;
