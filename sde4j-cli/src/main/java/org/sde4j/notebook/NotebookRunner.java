package org.sde4j.notebook;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;

/**
 * Runs the code cells of a notebook, in order, through the JDK's JShell, the way a Java kernel would.
 *
 * <p>JShell runs in this JVM (its "local" execution engine) on this JVM's class path, so notebook code sees
 * sde4j and its dependencies, and {@link Display} can hand pictures to the runner. Each cell is split into
 * snippets by JShell's own source analysis; a snippet that does not compile or throws stops the run, and so
 * does a declaration whose references are still unresolved at the end of its cell (a method may call one
 * declared further down the same cell). The {@link Result} names the cell (its index among all cells,
 * counting from 0) and the error. While a cell runs, {@code System.out} and {@code System.err} are
 * captured — so runs must not overlap, and {@link #run} is synchronized — and the cell's outputs are
 * recorded as nbformat 4 output objects: stream text, PNG {@code display_data}, the value of a final
 * expression as {@code execute_result}, and an {@code error}. Cells whose lines start with a kernel magic
 * ({@code %} or {@code %%}) are rejected: JShell cannot run them, so notebooks put imports in cells.
 */
public final class NotebookRunner {
    /** Where the run stopped: the cell's index among all cells (from 0) and what went wrong. */
    public record Failure(int cell, String kind, String message) {
        @Override
        public String toString() {
            return "cell " + cell + ": " + kind + ": " + message;
        }
    }

    /** One executed code cell: its index among all cells, its execution count and its outputs. */
    public record CellRun(int cell, int executionCount, List<Map<String, Object>> outputs) {
    }

    /**
     * The outcome of a run.
     *
     * @param name    the notebook's name, for messages
     * @param cells   the executed code cells, in order (the failing one last)
     * @param failure why the run stopped early, or null
     * @param seconds wall-clock time of the run
     */
    public record Result(String name, List<CellRun> cells, Failure failure, double seconds) {
        public boolean ok() {
            return failure == null;
        }
    }

    private NotebookRunner() {
    }

    /** The index of the cell running now, for the note printed when a cell ends the JVM. */
    private static final java.util.concurrent.atomic.AtomicInteger CURRENT_CELL = new java.util.concurrent.atomic.AtomicInteger(-1);

    /**
     * Runs every code cell of {@code notebook} in a fresh JShell; does not modify the notebook.
     *
     * @param name    the notebook's name, for messages
     * @param timeout the budget of the whole notebook; a run still going then is stopped and reported
     */
    public static synchronized Result run(String name, Notebook notebook, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout = " + timeout + ": must be positive");
        }
        long start = System.nanoTime();
        Collector collector = new Collector();
        PrintStream out = new PrintStream(collector.stream("stdout"), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(collector.stream("stderr"), true, StandardCharsets.UTF_8);
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        java.io.InputStream oldIn = System.in;
        // A cell that ends the JVM (System.exit) would end the runner without a word: say which cell did.
        Thread exitNote = new Thread(() -> oldErr.println("notebook " + name + ": cell " + CURRENT_CELL.get()
                + " ended the JVM (System.exit or Runtime.halt); the run stopped there"), "notebook-exit-note");
        Runtime.getRuntime().addShutdownHook(exitNote);
        List<CellRun> runs = new ArrayList<>();
        Failure failure = null;
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "notebook-watchdog");
            t.setDaemon(true);
            return t;
        });
        try (JShell shell = JShell.builder().executionEngine("local").out(out).err(err).build()) {
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    shell.addToClasspath(entry);
                }
            }
            watchdog.schedule(() -> {
                timedOut.set(true);
                shell.stop();
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
            System.setOut(out);
            System.setErr(err);
            // Notebooks have no standard input: a cell reading it gets end of input, not a wait past --timeout.
            System.setIn(java.io.InputStream.nullInputStream());
            failure = Display.withSink(collector::image, () -> runCells(shell, notebook, collector, timedOut, timeout,
                    runs));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
            watchdog.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(exitNote);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is ending: the note runs
            }
        }
        return new Result(name, runs, failure, (System.nanoTime() - start) / 1e9);
    }

    /** Runs the code cells in order until one fails; adds each to {@code runs}; returns the failure, or null. */
    private static Failure runCells(JShell shell, Notebook notebook, Collector collector, AtomicBoolean timedOut,
            Duration timeout, List<CellRun> runs) {
        List<Map<String, Object>> cells = notebook.cells();
        int count = 0;
        Failure failure = null;
        for (int i = 0; i < cells.size() && failure == null; i++) {
            if (!Notebook.isCode(cells.get(i))) {
                continue;
            }
            count++;
            CURRENT_CELL.set(i);
            collector.clear();
            Outcome outcome = runCell(shell, Notebook.source(cells.get(i)), collector, count);
            if (timedOut.get()) {
                outcome = new Outcome(null, "timeout", String.format(Locale.ROOT,
                        "the notebook's budget of %d s ran out", timeout.toSeconds()), List.of());
            }
            List<Map<String, Object>> outputs = collector.outputs();
            if (outcome.result() != null) {
                outputs.add(outcome.result());
            }
            if (outcome.kind() != null) {
                failure = new Failure(i, outcome.kind(), outcome.message());
                outputs.add(errorOutput(outcome));
            }
            runs.add(new CellRun(i, count, outputs));
        }
        return failure;
    }

    /** What a cell left: a final value (or null), or an error kind, message and traceback. */
    private record Outcome(Map<String, Object> result, String kind, String message, List<String> traceback) {
    }

    private static Outcome runCell(JShell shell, String source, Collector collector, int count) {
        for (String line : source.split("\n")) {
            if (line.stripLeading().startsWith("%")) {
                return new Outcome(null, "kernel magic", "'" + line.strip()
                        + "': JShell cannot run kernel magics; put imports and code in cells", List.of());
            }
        }
        SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
        String rest = source;
        String lastValue = null;
        List<Snippet> pending = new ArrayList<>();
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                return new Outcome(null, "compile error", "incomplete code: " + abbreviate(rest), List.of());
            }
            String snippet = info.source();
            rest = info.remaining();
            lastValue = null;
            for (SnippetEvent event : shell.eval(snippet)) {
                if (event.causeSnippet() != null) {
                    continue;
                }
                Snippet s = event.snippet();
                if (event.status() == Snippet.Status.REJECTED) {
                    String diagnostics = shell.diagnostics(s).filter(Diag::isError)
                            .map(d -> d.getMessage(Locale.ROOT).replaceAll("\\s*\\R\\s*", " "))
                            .collect(Collectors.joining("; "));
                    return new Outcome(null, "compile error", diagnostics + " in: " + abbreviate(snippet), List.of());
                }
                if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
                        || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    // A declaration using something declared later in the cell: checked at the cell's end.
                    pending.add(s);
                }
                if (event.exception() != null) {
                    return runtimeError(shell, event.exception(), snippet);
                }
                if (shown(s) && event.value() != null && !event.value().isEmpty()) {
                    lastValue = event.value();
                }
            }
        }
        for (Snippet s : pending) {
            if (shell.status(s) != Snippet.Status.VALID && s instanceof jdk.jshell.DeclarationSnippet d) {
                String missing = shell.unresolvedDependencies(d).collect(Collectors.joining(", "));
                return new Outcome(null, "compile error", "unresolved references (" + missing + ") in: "
                        + abbreviate(d.source()), List.of());
            }
        }
        if (lastValue == null) {
            return new Outcome(null, null, null, List.of());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("output_type", "execute_result");
        result.put("data", new LinkedHashMap<>(Map.of("text/plain", Notebook.lines(lastValue))));
        result.put("metadata", new LinkedHashMap<>());
        result.put("execution_count", (long) count);
        return new Outcome(result, null, null, List.of());
    }

    /**
     * Whether the value of snippet {@code s} is shown as the cell's result: an expression (not a declaration),
     * and not the stream that {@code printf}/{@code format} return.
     */
    private static boolean shown(Snippet s) {
        boolean expression = s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                || s.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
        if (!expression) {
            return false;
        }
        String type = s instanceof jdk.jshell.VarSnippet v ? v.typeName()
                : s instanceof jdk.jshell.ExpressionSnippet e ? e.typeName() : "";
        return !type.endsWith("PrintStream") && !type.endsWith("PrintWriter");
    }

    private static Outcome runtimeError(JShell shell, Exception e, String snippet) {
        String name;
        if (e instanceof EvalException ee) {
            name = ee.getExceptionClassName();
        } else if (e instanceof UnresolvedReferenceException ure) {
            name = "unresolved reference to " + ure.getSnippet().toString();
        } else {
            name = e.getClass().getName();
        }
        List<String> trace = new ArrayList<>();
        trace.add(name + ": " + e.getMessage());
        for (StackTraceElement el : Arrays.asList(e.getStackTrace()).subList(0, Math.min(12, e.getStackTrace().length))) {
            trace.add("    at " + el);
        }
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            String cn = c instanceof EvalException ce ? ce.getExceptionClassName() : c.getClass().getName();
            trace.add("Caused by: " + cn + ": " + c.getMessage());
        }
        return new Outcome(null, "runtime error", name + ": " + e.getMessage() + " in: " + abbreviate(snippet), trace);
    }

    private static Map<String, Object> errorOutput(Outcome o) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("output_type", "error");
        error.put("ename", o.kind());
        error.put("evalue", o.message());
        error.put("traceback", new ArrayList<>(o.traceback()));
        return error;
    }

    private static String abbreviate(String code) {
        String one = code.strip().replaceAll("\\s*\\R\\s*", " ");
        return one.length() <= 160 ? one : one.substring(0, 157) + "...";
    }

    /**
     * A cell's outputs as they arrive: text of the current stream accumulates until the other stream writes
     * or an image arrives, so text and pictures keep their order.
     */
    static final class Collector {
        private final List<Map<String, Object>> outputs = new ArrayList<>();
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private String pendingName;

        OutputStream stream(String name) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    append(name, new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    append(name, b, off, len);
                }
            };
        }

        private synchronized void append(String name, byte[] b, int off, int len) {
            if (!name.equals(pendingName)) {
                flush();
                pendingName = name;
            }
            pending.write(b, off, len);
        }

        synchronized void image(byte[] png) {
            flush();
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("image/png", Base64.getEncoder().encodeToString(png));
            data.put("text/plain", List.of("<image/png, " + png.length + " bytes>"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("output_type", "display_data");
            out.put("data", data);
            out.put("metadata", new LinkedHashMap<>());
            outputs.add(out);
        }

        private void flush() {
            if (pending.size() == 0) {
                return;
            }
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            Map<String, Object> last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
            if (last != null && "stream".equals(last.get("output_type")) && pendingName.equals(last.get("name"))) {
                @SuppressWarnings("unchecked")
                List<Object> lines = (List<Object>) last.get("text");
                String joined = lines.stream().map(String::valueOf).collect(Collectors.joining()) + text;
                last.put("text", new ArrayList<Object>(Notebook.lines(joined)));
                return;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("output_type", "stream");
            out.put("name", pendingName);
            out.put("text", new ArrayList<Object>(Notebook.lines(text)));
            outputs.add(out);
        }

        synchronized void clear() {
            outputs.clear();
            pending.reset();
            pendingName = null;
        }

        /** The outputs so far (pending text included), as a new list. */
        synchronized List<Map<String, Object>> outputs() {
            flush();
            return new ArrayList<>(outputs);
        }
    }
}
