package org.sde4j.cli.output;

import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * A progress line for long runs whose total is not known in advance (a {@link ProgressBar} needs one): each status
 * the run reports replaces the last. On a terminal it redraws one line in place with carriage returns; otherwise,
 * when asked for (a log of a long batch run), it prints each status on a line of its own; and otherwise nothing.
 * {@link #close()} ends the redrawn line.
 */
public final class StatusLine implements Consumer<String>, AutoCloseable {
    private final PrintWriter out;
    private final boolean interactive;
    private final boolean enabled;
    private int lastLength;
    private boolean drawn;

    /**
     * @param out         where to write (stderr, typically)
     * @param interactive whether {@code out} is a terminal (redraw in place)
     * @param asked       whether the user asked for progress when {@code out} is not a terminal
     */
    public StatusLine(PrintWriter out, boolean interactive, boolean asked) {
        this.out = out;
        this.interactive = interactive;
        this.enabled = interactive || asked;
    }

    /** A line on {@code err}, redrawn when the JVM has a console, printed line by line when {@code asked}. */
    public static StatusLine onTerminal(PrintWriter err, boolean asked) {
        return new StatusLine(err, ProgressBar.isTerminal(), asked);
    }

    /** Whether any status will be written; a run may pass null instead of this line when not. */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public synchronized void accept(String status) {
        if (!enabled) {
            return;
        }
        if (interactive) {
            String line = status.length() < lastLength ? status + " ".repeat(lastLength - status.length()) : status;
            lastLength = status.length();
            out.print("\r" + line);
            drawn = true;
        } else {
            out.println(status);
        }
        out.flush();
    }

    /** Ends a redrawn line with a newline. */
    @Override
    public synchronized void close() {
        if (interactive && drawn) {
            out.println();
            out.flush();
            drawn = false;
        }
    }
}
