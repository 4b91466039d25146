package org.sde4j.cli.output;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A text progress bar for long command-line runs:
 *
 * <pre>    tour [============>                 ] 42% 3/8 elapsed 1.2s ETA 1.7s</pre>
 *
 * <p>On a terminal it redraws one line in place with carriage returns (at most every 100 ms, and
 * whenever the count changes the percentage). When the output is not a terminal — a log file, a pipe,
 * a test — it prints nothing until {@link #close()}, and then a single final line, so logs stay clean.
 *
 * <p>{@link #step()} and {@link #stepTo(long)} are thread-safe and may be called from worker threads.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final String label;
    private final long total;
    private final PrintWriter out;
    private final boolean interactive;
    private final LongSupplier clock;
    private final long start;
    private long done;
    private long lastDraw = Long.MIN_VALUE;
    private int lastPercent = -1;
    private int lastLength;
    private boolean closed;
    private String status = "";

    /**
     * A bar that redraws in place when {@code interactive}, and otherwise prints only a final line.
     *
     * @param label       printed before the bar
     * @param total       the number of steps that make 100%, at least 1
     * @param out         where to draw (stderr, typically)
     * @param interactive whether {@code out} is a terminal
     */
    public ProgressBar(String label, long total, PrintWriter out, boolean interactive) {
        this(label, total, out, interactive, System::nanoTime);
    }

    ProgressBar(String label, long total, PrintWriter out, boolean interactive, LongSupplier clock) {
        if (total < 1) {
            throw new IllegalArgumentException("total = " + total + ": must be a positive number of steps");
        }
        this.label = label;
        this.total = total;
        this.out = out;
        this.interactive = interactive;
        this.clock = clock;
        this.start = clock.getAsLong();
        if (interactive) {
            draw(start);
        }
    }

    /** A bar on {@code err} that is interactive when the JVM has a console ({@code System.console() != null}). */
    public static ProgressBar onTerminal(String label, long total, PrintWriter err) {
        return new ProgressBar(label, total, err, isTerminal());
    }

    /** Whether the JVM runs attached to a terminal. */
    public static boolean isTerminal() {
        return System.console() != null;
    }

    /** Advances by one step. */
    public synchronized void step() {
        stepTo(done + 1);
    }

    /** Sets the number of finished steps (clamped to {@code [0, total]}); a smaller value than before is ignored. */
    public synchronized void stepTo(long finished) {
        long value = Math.min(total, finished);
        if (closed || value <= done) {
            return;
        }
        done = value;
        if (interactive) {
            long now = clock.getAsLong();
            int percent = percent(done);
            if (percent != lastPercent || now - lastDraw >= REDRAW_NANOS) {
                draw(now);
            }
        }
    }

    /**
     * Sets a status text shown after the bar (for example a running loss and throughput); it is drawn with
     * the next redraw or on {@link #close()}.
     */
    public synchronized void status(String text) {
        status = text == null ? "" : text;
    }

    /** The number of finished steps. */
    public synchronized long done() {
        return done;
    }

    /** Finishes the line: redraws it a last time and ends it with a newline (once). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        String line = render(done, clock.getAsLong() - start);
        if (interactive) {
            out.print("\r" + padded(line));
        } else {
            out.print(line);
        }
        out.println();
        out.flush();
    }

    private void draw(long now) {
        lastDraw = now;
        lastPercent = percent(done);
        out.print("\r" + padded(render(done, now - start)));
        out.flush();
    }

    /** Pads with spaces to erase the rest of a longer previous line. */
    private String padded(String line) {
        String result = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
        lastLength = line.length();
        return result;
    }

    private int percent(long count) {
        return (int) (100 * count / total);
    }

    /** The bar for {@code count} finished steps after {@code elapsedNanos}. */
    String render(long count, long elapsedNanos) {
        int filled = (int) (WIDTH * count / total);
        StringBuilder bar = new StringBuilder(WIDTH);
        bar.append("=".repeat(filled));
        if (filled < WIDTH) {
            bar.append('>').append(" ".repeat(WIDTH - filled - 1));
        }
        double elapsed = elapsedNanos * 1e-9;
        StringBuilder sb = new StringBuilder();
        sb.append(label).append(" [").append(bar).append("] ")
                .append(percent(count)).append("% ").append(count).append('/').append(total)
                .append(" elapsed ").append(duration(elapsed));
        if (count < total) {
            sb.append(" ETA ").append(count == 0 ? "?" : duration(elapsed * (total - count) / count));
        }
        if (!status.isEmpty()) {
            sb.append(' ').append(status);
        }
        return sb.toString();
    }

    /** "1.2s" below a minute, "3m05s" above. */
    static String duration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
