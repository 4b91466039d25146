package org.sde4j.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.OutputFile;
import org.sde4j.notebook.Notebook;
import org.sde4j.notebook.NotebookRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j notebooks}: runs the notebooks of {@code notebooks/} cell by cell through JShell
 * ({@link NotebookRunner}) and, with {@code --execute}, writes each notebook's outputs (text, PNG plots,
 * execution counts) back into its {@code .ipynb} file, atomically, so it renders with results in any
 * notebook viewer. A notebook that fails is not written; the run reports the cell and error, and exits
 * with 1.
 */
@Command(name = "notebooks", mixinStandardHelpOptions = true,
        description = "Run the notebooks through JShell; --execute writes their outputs back.",
        footer = {"", "Example: sde4j notebooks --execute 01-solving-sdes"})
public final class NotebooksCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--execute", description = "Write the outputs into the .ipynb files (default: only check that"
            + " every cell runs).")
    boolean execute;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Directory of the notebooks (default: ./notebooks, else the notebooks/ of the checkout"
                    + " whose target/ holds the running jar).")
    Path dir;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Budget per notebook, in seconds (default: ${DEFAULT-VALUE}).")
    long timeout;

    @Parameters(paramLabel = "NAME", arity = "0..*",
            description = "Notebooks to run: file names, with or without .ipynb, or their number prefix (default: all).")
    List<String> names = new ArrayList<>();

    @Override
    public Integer call() throws IOException {
        if (timeout < 1) {
            throw new IllegalArgumentException("--timeout = " + timeout + ": must be at least 1 second");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files = select(dir != null ? dir : defaultDir(), names);
        if (execute) {
            // --execute writes each notebook back: check that it can before running any.
            for (Path file : files) {
                new OutputFile(file).prepare("--execute");
            }
        }
        int failed = 0;
        for (Path file : files) {
            Notebook notebook = Notebook.read(file);
            NotebookRunner.Result r = NotebookRunner.run(file.getFileName().toString(), notebook,
                    Duration.ofSeconds(timeout));
            if (!r.ok()) {
                failed++;
                out.println(Format.f("%s: FAILED after %.1f s at %s", file.getFileName(), r.seconds(), r.failure()));
                continue;
            }
            String written = "";
            if (execute) {
                apply(notebook, r);
                notebook.write(file);
                written = ", written";
            }
            out.println(Format.f("%s: %d code cells, %.1f s, ok%s", file.getFileName(), r.cells().size(),
                    r.seconds(), written));
        }
        out.flush();
        if (failed > 0) {
            throw new IllegalStateException(failed + " of " + files.size() + " notebooks failed");
        }
        return 0;
    }

    /** Puts the outputs and execution counts of run {@code r} into the code cells of {@code notebook}. */
    static void apply(Notebook notebook, NotebookRunner.Result r) {
        List<Map<String, Object>> cells = notebook.cells();
        for (Map<String, Object> cell : cells) {
            if (Notebook.isCode(cell)) {
                cell.put("execution_count", null);
                cell.put("outputs", new ArrayList<>());
            }
        }
        for (NotebookRunner.CellRun run : r.cells()) {
            Map<String, Object> cell = cells.get(run.cell());
            cell.put("execution_count", (long) run.executionCount());
            cell.put("outputs", new ArrayList<Object>(run.outputs()));
        }
    }

    /**
     * {@code notebooks/} of the checkout: under {@code $SDE4J_HOME} (which {@code bin/sde4j} sets), else
     * {@code ./notebooks}, else the first {@code notebooks/} above the running jar ({@code sde4j-cli/target/}).
     */
    static Path defaultDir() {
        String home = System.getenv("SDE4J_HOME");
        if (home != null && Files.isDirectory(Path.of(home, "notebooks"))) {
            return Path.of(home, "notebooks");
        }
        Path here = Path.of("notebooks");
        if (Files.isDirectory(here)) {
            return here;
        }
        try {
            Path code = Path.of(NotebooksCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = code.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve("notebooks"))) {
                    return dir.resolve("notebooks");
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // no code source location: fall back to ./notebooks
        }
        return here;
    }

    /** The notebooks of {@code dir} named by {@code names} (all when empty), sorted by file name. */
    static List<Path> select(Path dir, List<String> names) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--dir = " + dir + ": not a directory (run from the sde4j checkout, or"
                    + " pass --dir)");
        }
        List<Path> all;
        try (Stream<Path> s = Files.list(dir)) {
            all = s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("--dir = " + org.sde4j.cli.output.Messages.cut(dir.toString())
                    + ": holds no .ipynb notebooks");
        }
        if (names.isEmpty()) {
            return all;
        }
        List<Path> chosen = new ArrayList<>();
        for (String name : names) {
            List<Path> match = all.stream().filter(p -> {
                String f = p.getFileName().toString();
                String base = f.substring(0, f.length() - ".ipynb".length());
                return f.equals(name) || base.equals(name) || base.startsWith(name + "-");
            }).toList();
            if (match.size() != 1) {
                throw new IllegalArgumentException("notebook '" + name + "': " + (match.isEmpty() ? "not found"
                        : "ambiguous") + "; valid names: " + all.stream().map(p -> p.getFileName().toString())
                        .toList());
            }
            if (!chosen.contains(match.get(0))) {
                chosen.add(match.get(0));
            }
        }
        return chosen;
    }
}
