package org.sde4j.cli.command;

/** The titles of the documents the experiment commands create when their {@code --output} file is missing. */
final class Documents {
    static final String EXPERIMENTS_TITLE = "# Experiments";
    static final String ARCHITECTURES_TITLE = "# Residual architectures as SDE solvers";

    private Documents() {
    }
}
