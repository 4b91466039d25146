package org.sde4j.cli.output;

/**
 * A file or directory a command writes. The command line prepares every option of this type before the
 * command's work starts ({@link #prepare}), so that an output that cannot be written is a one-line usage error
 * (exit 2) and not a failure after the work.
 */
public interface OutputTarget {
    /**
     * Checks (and, for a directory, creates) the target.
     *
     * @param option the option that named it, for the message
     * @throws IllegalArgumentException naming the option and the path when it cannot be written
     */
    void prepare(String option);
}
