package org.sde4j.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sde4j.cli.output.OutputDirectory;
import org.sde4j.cli.output.OutputFailure;
import org.sde4j.cli.output.OutputFile;
import org.sde4j.cli.output.ProgressBar;
import org.sde4j.cli.output.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j bench}: the benchmark suite ({@link BenchSuite}) in one sitting — Gaussian draws alone,
 * Euler–Maruyama on GBM through the public API on 1 and 2 threads against numpy's vectorised loop
 * ({@code bench/peers/numpy_em.py} of the checkout, when python3 with numpy is present), the schemes' cost per step and
 * per evaluation, and virtual-tree queries against plain increments — then rewrites the generated region
 * of {@code docs/benchmarks.md} with the ratios, the machine and the command. {@code --only} runs a subset
 * (and then leaves the document alone unless {@code --doc} is given), {@code --json} prints one JSON object,
 * a progress bar runs on stderr.
 *
 * <p>Times on a shared machine are noise; the ratios, measured side by side in one sitting, are the result.
 * {@code --brownian} and {@code --schemes} run the older, more detailed Brownian and all-scheme benchmarks;
 * {@code --work-precision} the work–precision diagrams of fixed against adaptive and explicit against stabilised
 * against implicit steps ({@link WorkPrecisionBench}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the benchmark suite side by side (Gaussian draws, Euler–Maruyama vs numpy on 1 and 2 threads,"
                + " schemes, Brownian sources) and rewrite docs/benchmarks.md.",
        footer = {"", "Examples:", "  sde4j bench                          # the whole suite; rewrites docs/benchmarks.md",
            "  sde4j bench --only gaussian,em --paths 200000 --repeats 3 --json",
            "  sde4j bench --cold                   # whole processes: sde4j solve against numpy, fresh each time",
            "  sde4j bench --work-precision --plot docs/img   # fixed vs adaptive, explicit vs stabilised vs implicit"})
public final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--paths", defaultValue = "1000000", description = "Paths P (default ${DEFAULT-VALUE}).")
    private long paths;

    @Option(names = "--steps", defaultValue = "256", description = "Steps N (default ${DEFAULT-VALUE}).")
    private int steps;

    @Option(names = "--repeats", defaultValue = "5", description = "Timed runs per workload (default ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--seed", defaultValue = "42", description = "Seed (default ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--only", split = ",", paramLabel = "SECTION",
            description = "Run only these sections: gaussian, em (includes numpy), schemes, brownian.")
    private List<String> only;

    @Option(names = "--numpy", description = "Path of the numpy peer script (default: " + NUMPY_SCRIPT
            + " of the checkout); 'none' to skip.")
    private String numpyScript;

    @Option(names = "--doc", paramLabel = "FILE", converter = OutputFile.Converter.class, description = "The document whose generated region to rewrite"
            + " (default: docs/benchmarks.md of the project, after a full run).")
    private OutputFile doc;

    @Option(names = "--no-write", description = "Do not rewrite any document.")
    private boolean noWrite;

    @Option(names = "--json", description = "Print one JSON object with every median instead of Markdown.")
    private boolean json;

    @Option(names = "--markdown", description = "With --brownian, --schemes or --work-precision: print Markdown"
            + " tables.")
    private boolean markdown;

    @Option(names = "--brownian", description = "Benchmark the Brownian sources in detail instead (virtual tree vs"
            + " plain increments, KPW vs Wiktorsson Lévy areas); --paths defaults to 2000 there.")
    private boolean brownian;

    @Option(names = "--schemes", description = "Benchmark every scheme's cost per step against Euler–Maruyama and its"
            + " predicted cost, and work–precision on gbm; --paths defaults to 100000 there.")
    private boolean schemes;

    @Option(names = "--cold", description = "Time whole processes instead, side by side: 'sde4j solve' of gbm with"
            + " Euler–Maruyama (with and without the start-up archive) against numpy's script, in fresh processes;"
            + " --paths defaults to 100000 and --repeats to 7 there (min, median, max).")
    private boolean cold;

    @Option(names = "--work-precision", description = "Work–precision instead: error against CPU time for fixed against"
            + " adaptive steps (SRIW1; SRIW1, SOSRI adaptive) on a sharp transient, and for Euler–Maruyama against SK-ROCK"
            + " against drift-implicit Euler–Maruyama on the stochastic heat equation; --paths defaults to "
            + WP_PATHS + " there.")
    private boolean workPrecision;

    @Option(names = "--plot", paramLabel = "DIR", converter = OutputDirectory.Converter.class,
            description = "With --work-precision: write " + WorkPrecisionBench.TRANSIENT_PNG + " and "
                    + WorkPrecisionBench.HEAT_PNG + " into DIR (created when missing).")
    private OutputDirectory plot;

    @Option(names = "--dimension", defaultValue = "128", description = "With --work-precision: the heat equation's"
            + " dimension d (default ${DEFAULT-VALUE}).")
    private int dimension;

    @Option(names = "--max-steps", defaultValue = "4096", description = "With --work-precision: the finest fixed grid"
            + " of SRIW1 on the transient, and of the stiff schemes on the heat equation (a power of 2 ≥ 64; default"
            + " ${DEFAULT-VALUE}).")
    private int maxSteps;

    private static final int WP_PATHS = 500;

    @Override
    public Integer call() throws Exception {
        org.sde4j.sde.Require.positive("paths", paths);
        org.sde4j.sde.Require.positive("steps", steps);
        org.sde4j.sde.Require.positive("repeats", repeats);
        if (doc != null && noWrite) {
            throw new IllegalArgumentException("--doc: contradicts --no-write; give one of them");
        }
        if (doc != null && (schemes || cold || brownian || workPrecision)) {
            throw new IllegalArgumentException("--doc: applies to the suite only, not to --schemes, --cold, --brownian or"
                    + " --work-precision");
        }
        var parsed = spec.commandLine().getParseResult();
        for (String o : new String[] {"--plot", "--dimension", "--max-steps"}) {
            if (parsed.hasMatchedOption(o) && !workPrecision) {
                throw new IllegalArgumentException(o + ": applies to --work-precision only");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (workPrecision) {
            if (dimension < 2) {
                throw new IllegalArgumentException("--dimension " + dimension + ": must be ≥ 2");
            }
            if (maxSteps < 64 || Integer.bitCount(maxSteps) != 1) {
                throw new IllegalArgumentException("--max-steps " + maxSteps + ": must be a power of 2 ≥ 64");
            }
            long p = parsed.hasMatchedOption("--paths") ? paths : WP_PATHS;
            if (p > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--paths " + p + ": must be ≤ " + Integer.MAX_VALUE
                        + " with --work-precision");
            }
            // --plot was prepared (created, checked writable) by Main before call(), like every OutputTarget.
            new WorkPrecisionBench((int) p, seed, dimension, Integer.numberOfTrailingZeros(maxSteps), maxSteps)
                    .run(out, plot, markdown);
            return 0;
        }
        if (schemes) {
            long p = spec.commandLine().getParseResult().hasMatchedOption("--paths") ? paths : 100_000;
            new SchemeBench(p, steps, seed).run(out, repeats, markdown);
            return 0;
        }
        if (cold) {
            var parse = spec.commandLine().getParseResult();
            long p = parse.hasMatchedOption("--paths") ? paths : 100_000;
            int r = parse.hasMatchedOption("--repeats") ? repeats : 7;
            String home = System.getenv("SDE4J_HOME");
            ColdBench bench = new ColdBench(Path.of(home != null ? home : "").toAbsolutePath(), p, steps, seed, r,
                    numpyScript);
            String before = BenchSuite.loadAverage();
            var results = bench.run();
            String after = BenchSuite.loadAverage();
            out.print(json ? bench.json(results, before, after) + "\n" : bench.markdown(results, before, after));
            out.flush();
            return 0;
        }
        if (brownian) {
            long p = spec.commandLine().getParseResult().hasMatchedOption("--paths") ? paths : 2000;
            new BrownianBench(p, steps, seed).run(out, repeats, markdown);
            return 0;
        }
        List<String> sections = only == null || only.isEmpty() ? BenchSuite.SECTIONS : only;
        for (String s : sections) {
            if (!BenchSuite.SECTIONS.contains(s)) {
                throw new IllegalArgumentException("--only " + s + ": must be one of " + String.join(", ",
                        BenchSuite.SECTIONS));
            }
        }
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        String command = ("bin/sde4j " + String.join(" ", args)).strip(); // the arguments start with "bench"
        OutputFile target = doc;
        if (target == null && sections.size() == BenchSuite.SECTIONS.size() && !noWrite) {
            Path found = defaultDoc();
            if (found != null) {
                target = new OutputFile(found);
                target.prepare("the default --doc");
            }
        }
        String markdownText;
        String jsonText;
        try (ProgressBar bar = ProgressBar.onTerminal("bench", BenchSuite.progressSteps(sections, repeats),
                spec.commandLine().getErr())) {
            BenchSuite suite = new BenchSuite(paths, steps, seed, repeats, sections, numpyScript, bar, command);
            suite.run();
            markdownText = suite.markdown();
            jsonText = suite.json();
        }
        if (json) {
            out.println(jsonText);
        } else {
            out.print(markdownText);
        }
        out.flush();
        if (!noWrite && target != null) {
            try {
                BenchSuite.rewrite(target.target(), markdownText);
            } catch (IOException e) {
                throw new OutputFailure(target, e);
            }
            spec.commandLine().getErr().println("bench: rewrote the generated region of " + target);
        }
        return 0;
    }

    /** docs/benchmarks.md of the project: beside bin/ ($SDE4J_HOME) or in the working directory. */
    private static Path defaultDoc() {
        String home = System.getenv("SDE4J_HOME");
        Path base = home != null ? Path.of(home) : Path.of("");
        Path docs = base.resolve("docs");
        return Files.isDirectory(docs) ? docs.resolve("benchmarks.md") : null;
    }

    /** A header line, a blank line and the table: Markdown (bold header, pipe table) or plain text. */
    static void printTable(PrintWriter out, String header, Table t, boolean markdown) {
        out.println(markdown ? "**" + header + "**" : header);
        out.println();
        out.print(markdown ? markdownTable(t) : t.render());
    }

    static String markdownTable(Table t) {
        String[] lines = t.render().split("\\R");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isBlank() || lines[i].chars().allMatch(c -> c == '-' || c == ' ')) {
                continue;
            }
            String[] cells = lines[i].trim().split("\\s{2,}");
            sb.append("| ").append(String.join(" | ", cells)).append(" |\n");
            if (i == 0) {
                sb.append("|").append("---|".repeat(cells.length)).append('\n');
            }
        }
        return sb.toString();
    }

    /** numpy's EM and normal throughput, per second. */
    record NumpyResult(double stepsPerSecond, double drawsPerSecond) {
    }

    /** Runs numpy_em.py on P × N; null (with a note) when it cannot run. */
    static NumpyResult runNumpy(String numpyScript, long paths, int steps, List<String> notes) {
        if ("none".equals(numpyScript)) {
            return null;
        }
        Path script = numpyScript != null ? Path.of(numpyScript) : defaultNumpyScript();
        if (script == null || !Files.isRegularFile(script)) {
            notes.add("numpy baseline skipped: " + (script == null ? NUMPY_SCRIPT + " not found" : script
                    + " not found") + " (use --numpy PATH)");
            return null;
        }
        ProcessBuilder pb = new ProcessBuilder("python3", script.toString(), Long.toString(paths), Integer.toString(steps));
        pb.redirectErrorStream(true);
        // numpy's EM uses no BLAS; these only slow a current numpy where they are set.
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        StringBuilder text = new StringBuilder();
        try {
            Process process = pb.start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    text.append(line).append('\n');
                }
            }
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                notes.add("numpy baseline failed: " + text.toString().strip());
                return null;
            }
        } catch (IOException e) {
            notes.add("numpy baseline skipped: python3 not runnable (" + e.getMessage() + ")");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            notes.add("numpy baseline interrupted");
            return null;
        }
        Matcher stepsPerSecond = Pattern.compile("Msteps/s=([0-9.]+)").matcher(text);
        Matcher draws = Pattern.compile("Msamples/s=([0-9.]+)").matcher(text);
        if (!stepsPerSecond.find() || !draws.find()) {
            notes.add("numpy baseline output not understood: " + text.toString().strip());
            return null;
        }
        // The checkout's own script is named relative to the checkout: the document must not name this machine's paths.
        String shown = numpyScript == null ? NUMPY_SCRIPT : script.toString();
        notes.add("numpy: `python3 " + shown + " " + paths + " " + steps + "` (one thread, started by the same command"
                + " right after the Euler–Maruyama workloads): " + text.toString().strip().replace('\n', ';'));
        return new NumpyResult(Double.parseDouble(stepsPerSecond.group(1)) * 1e6, Double.parseDouble(draws.group(1)) * 1e6);
    }

    /** The project's own numpy peer, relative to the checkout's root. */
    static final String NUMPY_SCRIPT = "bench/peers/numpy_em.py";

    /** {@value #NUMPY_SCRIPT} under {@code $SDE4J_HOME} (set by {@code bin/sde4j}), else under the working directory. */
    private static Path defaultNumpyScript() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getenv("SDE4J_HOME");
        if (home != null) {
            candidates.add(Path.of(home).resolve(NUMPY_SCRIPT));
        }
        candidates.add(Path.of(NUMPY_SCRIPT));
        return candidates.stream().filter(Files::isRegularFile).findFirst().map(Path::normalize).orElse(null);
    }
}
