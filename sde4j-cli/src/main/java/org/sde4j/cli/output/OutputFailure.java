package org.sde4j.cli.output;

/**
 * A file that could not be written after the work was done. The command printed its results on standard
 * output first; the message says so and where they could not go. The command line exits with 1.
 */
public final class OutputFailure extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public OutputFailure(Object target, Exception cause) {
        super("the results are printed above, but could not be written to " + Messages.cut(String.valueOf(target))
                + " (" + Messages.reason(cause) + ")");
    }
}
