package org.sde4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j bench}: Euler–Maruyama on GBM, P paths × N steps, measured side by side in one run —
 * Gaussian draws alone, a hand-written loop, the engine on 1 and 2 threads, and numpy's vectorised
 * loop ({@code ../shared/bench/numpy_em.py}) when python3 with numpy is present. Each workload runs
 * {@code --repeats} times in rotation after a warm-up; the median time is reported, with ratios.
 *
 * <p>Times on a shared machine are noise; the ratios, measured in one sitting, are the result.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure Euler–Maruyama throughput against the cost of its Gaussian draws, 1 vs 2 threads,"
                + " and numpy, side by side.")
final class BenchCommand implements Callable<Integer> {
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

    @Option(names = "--numpy", description = "Path of numpy_em.py (default: ../shared/bench/numpy_em.py beside"
            + " the project); 'none' to skip.")
    private String numpyScript;

    @Option(names = "--markdown", description = "Print the results as a Markdown table (for docs/benchmarks.md).")
    private boolean markdown;

    @Option(names = "--brownian", description = "Benchmark the Brownian sources instead (virtual tree vs plain"
            + " increments, KPW vs Wiktorsson Lévy areas); --paths defaults to 2000 there.")
    private boolean brownian;

    @Option(names = "--schemes", description = "Benchmark every scheme's cost per step against Euler–Maruyama and its"
            + " predicted cost, and work–precision on gbm; --paths defaults to 100000 there.")
    private boolean schemes;

    @Override
    public Integer call() throws Exception {
        org.sde4j.sde.Require.positive("paths", paths);
        org.sde4j.sde.Require.positive("steps", steps);
        org.sde4j.sde.Require.positive("repeats", repeats);
        PrintWriter out = spec.commandLine().getOut();
        if (schemes) {
            long p = spec.commandLine().getParseResult().hasMatchedOption("--paths") ? paths : 100_000;
            new SchemeBench(p, steps, seed).run(out, repeats, markdown);
            return 0;
        }
        if (brownian) {
            long p = spec.commandLine().getParseResult().hasMatchedOption("--paths") ? paths : 2000;
            new BrownianBench(p, steps, seed).run(out, repeats, markdown);
            return 0;
        }
        EulerWorkloads work = new EulerWorkloads(paths, steps, seed);
        EulerWorkloads warm = new EulerWorkloads(Math.max(1, paths / 10), steps, seed + 1);
        Map<String, DoubleSupplier> warmUps = workloads(warm);
        Map<String, DoubleSupplier> timed = workloads(work);
        Map<String, double[]> seconds = new LinkedHashMap<>();
        timed.keySet().forEach(k -> seconds.put(k, new double[repeats]));
        double sink = 0;
        int total = (repeats + 1) * timed.size();
        try (ProgressBar bar = ProgressBar.onTerminal("bench", total, spec.commandLine().getErr())) {
            for (DoubleSupplier w : warmUps.values()) {
                sink += w.getAsDouble();
                bar.step();
            }
            for (int r = 0; r < repeats; r++) {
                for (Map.Entry<String, DoubleSupplier> e : timed.entrySet()) {
                    long start = System.nanoTime();
                    sink += e.getValue().getAsDouble();
                    seconds.get(e.getKey())[r] = (System.nanoTime() - start) * 1e-9;
                    bar.step();
                }
            }
        }
        double pathSteps = (double) paths * steps;
        double draws = median(seconds.get(DRAWS));
        double engine1 = median(seconds.get(ENGINE_1));
        double engine2 = median(seconds.get(ENGINE_2));
        NumpyResult numpy = runNumpy(out);

        Table t = new Table("workload", "median s", "M path-steps/s", "time / draws");
        for (Map.Entry<String, double[]> e : seconds.entrySet()) {
            double s = median(e.getValue());
            t.row(e.getKey(), Format.f("%.3f", s), Format.f("%.1f", pathSteps / s / 1e6), Format.f("%.2f", s / draws));
        }
        if (numpy != null) {
            t.row("numpy EM, vectorised (1 thread)", Format.f("%.3f", pathSteps / numpy.stepsPerSecond),
                    Format.f("%.1f", numpy.stepsPerSecond / 1e6), Format.f("%.2f", pathSteps / numpy.stepsPerSecond / draws));
            t.row("numpy normals only", Format.f("%.3f", pathSteps / numpy.drawsPerSecond),
                    Format.f("%.1f", numpy.drawsPerSecond / 1e6), Format.f("%.2f", pathSteps / numpy.drawsPerSecond / draws));
        }
        List<String> ratios = new ArrayList<>();
        ratios.add(Format.f("engine overhead over its Gaussian draws, 1 thread: %+.0f %% (goal ≤ +20 %%)",
                100 * (engine1 / draws - 1)));
        ratios.add(Format.f("2 threads vs 1: %.2f× faster (goal ≥ 1.9×)", engine1 / engine2));
        if (numpy != null) {
            double perSecond1 = pathSteps / engine1;
            ratios.add(Format.f("engine vs numpy: %.1f× (1 thread), %.1f× (2 threads)", perSecond1 / numpy.stepsPerSecond,
                    pathSteps / engine2 / numpy.stepsPerSecond));
        }
        String header = Format.f("Euler–Maruyama on GBM, %d paths × %d steps, median of %d runs (%s, %d processors)",
                paths, steps, repeats, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        if (markdown) {
            out.println("**" + header + "**");
            out.println();
            out.print(markdownTable(t));
            out.println();
            ratios.forEach(r -> out.println("- " + r));
        } else {
            out.println(header);
            out.println();
            out.print(t.render());
            out.println();
            ratios.forEach(out::println);
        }
        out.println(Format.f("(checksum %.6g)", sink));
        out.flush();
        return 0;
    }

    private static final String DRAWS = "Gaussian draws only (1 thread)";
    private static final String PLAIN = "hand-written EM loop, path by path (1 thread)";
    private static final String PLAIN_BLOCK = "hand-written EM loop, blocks of 256 paths (1 thread)";
    private static final String ENGINE_1 = "sde4j Ensemble EM (1 thread)";
    private static final String ENGINE_2 = "sde4j Ensemble EM (2 threads)";

    private static Map<String, DoubleSupplier> workloads(EulerWorkloads w) {
        Map<String, DoubleSupplier> m = new LinkedHashMap<>();
        m.put(DRAWS, w::gaussianDraws);
        m.put(PLAIN, w::plainLoop);
        m.put(PLAIN_BLOCK, w::plainBlockLoop);
        m.put(ENGINE_1, () -> w.engine(1));
        m.put(ENGINE_2, () -> w.engine(2));
        return m;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
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

    private record NumpyResult(double stepsPerSecond, double drawsPerSecond) {
    }

    private NumpyResult runNumpy(PrintWriter out) throws InterruptedException {
        if ("none".equals(numpyScript)) {
            return null;
        }
        Path script = numpyScript != null ? Path.of(numpyScript) : defaultNumpyScript();
        if (script == null || !Files.isRegularFile(script)) {
            out.println("numpy baseline skipped: " + (script == null ? "../shared/bench/numpy_em.py not found" : script
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
                out.println("numpy baseline failed: " + text.toString().strip());
                return null;
            }
        } catch (IOException e) {
            out.println("numpy baseline skipped: python3 not runnable (" + e.getMessage() + ")");
            return null;
        }
        Matcher steps = Pattern.compile("Msteps/s=([0-9.]+)").matcher(text);
        Matcher draws = Pattern.compile("Msamples/s=([0-9.]+)").matcher(text);
        if (!steps.find() || !draws.find()) {
            out.println("numpy baseline output not understood: " + text.toString().strip());
            return null;
        }
        return new NumpyResult(Double.parseDouble(steps.group(1)) * 1e6, Double.parseDouble(draws.group(1)) * 1e6);
    }

    private static Path defaultNumpyScript() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getenv("SDE4J_HOME");
        if (home != null) {
            candidates.add(Path.of(home).resolve("../shared/bench/numpy_em.py"));
        }
        candidates.add(Path.of("../shared/bench/numpy_em.py"));
        return candidates.stream().filter(Files::isRegularFile).findFirst().map(Path::normalize).orElse(null);
    }
}
