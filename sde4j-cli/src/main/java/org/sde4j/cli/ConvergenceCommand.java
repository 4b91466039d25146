package org.sde4j.cli;

import org.sde4j.error.StrongNorm;

/**
 * Not a command: the norm names that {@link LibraryStudy} reads here. The {@code convergence} command is
 * {@link org.sde4j.cli.command.ConvergenceCommand}; this class goes when the Spark glue moves to its own package.
 */
final class ConvergenceCommand {
    private ConvergenceCommand() {
    }

    /** The strong norm labelled {@code name}: final, l2 or max. */
    static StrongNorm normOf(String name) {
        return org.sde4j.cli.command.ConvergenceCommand.normOf(name);
    }
}
