package org.sde4j.cli.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;

/**
 * {@code sde4j bench --cold}: the time to a first result, as a user meets it — whole processes, each a
 * fresh JVM or a fresh Python, timed side by side in rotation:
 *
 * <ul>
 *   <li>{@code bin/sde4j solve --problem gbm --scheme euler-maruyama --steps N --paths P --seed S --json}, with
 *       the start-up archive (a static class-data-sharing archive) that {@code bin/sde4j} keeps;</li>
 *   <li>the same with {@code SDE4J_CDS=off}: what the archive is worth;</li>
 *   <li>{@code python3 bench/peers/numpy_em.py --em-only P N S}: numpy's Euler–Maruyama, same work.</li>
 * </ul>
 *
 * <p>For each: the wall time of the whole process (start to exit, measured here) and the solve's own
 * {@code seconds} (the process's report of its solve, without its start-up), as min, median and max over the
 * repeats, after one untimed run of each (which builds what needs building and fills the page cache). The
 * ratios are of medians. The load average is recorded before and after: on a shared machine only the
 * ratios mean something.
 */
final class ColdBench {
    private static final Pattern SDE4J_SECONDS = Pattern.compile("\"seconds\":([0-9.eE+-]+)");
    private static final Pattern NUMPY_SECONDS = Pattern.compile("seconds=([0-9.]+)");

    private final Path home;
    private final long paths;
    private final int steps;
    private final long seed;
    private final int repeats;
    private final String numpyScript;
    private final List<String> notes = new ArrayList<>();

    /** One workload: a command and how to read its own solve time. */
    private record Workload(String label, List<String> command, Map<String, String> environment, Pattern seconds) {
    }

    /** min, median, max of the wall times and of the reported solve times, in seconds. */
    record Timings(double[] wall, double[] solve) {
        static double median(double[] v) {
            double[] s = v.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
        }

        static double min(double[] v) {
            return Arrays.stream(v).min().orElse(Double.NaN);
        }

        static double max(double[] v) {
            return Arrays.stream(v).max().orElse(Double.NaN);
        }
    }

    /**
     * @param home        the checkout (holds bin/sde4j and, unless {@code numpyScript} is given, the numpy peer)
     * @param numpyScript the numpy peer's path, null for the checkout's, "none" to skip numpy
     */
    ColdBench(Path home, long paths, int steps, long seed, int repeats, String numpyScript) {
        this.home = home;
        this.paths = paths;
        this.steps = steps;
        this.seed = seed;
        this.repeats = repeats;
        this.numpyScript = numpyScript;
    }

    /** Runs every workload {@code repeats} times in rotation; the results by label, in order. */
    Map<String, Timings> run() {
        Path launcher = home.resolve("bin").resolve("sde4j");
        if (!Files.isRegularFile(launcher)) {
            throw new IllegalStateException("bench --cold: " + launcher + " not found: run it from a checkout"
                    + " (bin/sde4j sets SDE4J_HOME)");
        }
        List<String> solve = List.of("bash", launcher.toString(), "solve", "--problem", "gbm", "--scheme",
                "euler-maruyama", "--steps", Integer.toString(steps), "--paths", Long.toString(paths), "--seed",
                Long.toString(seed), "--json");
        List<Workload> work = new ArrayList<>();
        work.add(new Workload("sde4j solve (start-up archive)", solve, Map.of(), SDE4J_SECONDS));
        work.add(new Workload("sde4j solve, SDE4J_CDS=off", solve, Map.of("SDE4J_CDS", "off"), SDE4J_SECONDS));
        Path script = numpyScript == null ? home.resolve(BenchCommand.NUMPY_SCRIPT) : Path.of(numpyScript);
        if (!"none".equals(numpyScript)) {
            if (Files.isRegularFile(script)) {
                work.add(new Workload("numpy EM (python3 " + home.relativize(script.toAbsolutePath()) + " --em-only)",
                        List.of("python3", script.toString(), "--em-only", Long.toString(paths),
                                Integer.toString(steps), Long.toString(seed)), Map.of(), NUMPY_SECONDS));
            } else {
                notes.add("numpy skipped: " + script + " not found (use --numpy PATH)");
            }
        }
        for (Workload w : work) {
            time(w); // untimed: builds, makes the archive, fills the page cache
        }
        Map<String, double[][]> samples = new LinkedHashMap<>();
        for (Workload w : work) {
            samples.put(w.label(), new double[][] {new double[repeats], new double[repeats]});
        }
        for (int r = 0; r < repeats; r++) {
            for (Workload w : work) {
                double[] t = time(w);
                samples.get(w.label())[0][r] = t[0];
                samples.get(w.label())[1][r] = t[1];
            }
        }
        Map<String, Timings> result = new LinkedHashMap<>();
        samples.forEach((label, s) -> result.put(label, new Timings(s[0], s[1])));
        return result;
    }

    /** Notes on skipped peers. */
    List<String> notes() {
        return notes;
    }

    /** {wall seconds, reported solve seconds} of one run of the workload. */
    private double[] time(Workload w) {
        ProcessBuilder pb = new ProcessBuilder(w.command()).redirectErrorStream(false);
        pb.environment().putAll(w.environment());
        pb.environment().put("SDE4J_HOME", home.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        String output;
        long start = System.nanoTime();
        try {
            Process p = pb.start();
            output = read(p.getInputStream());
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("bench --cold: " + String.join(" ", w.command()) + " took over 10 min");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("bench --cold: " + String.join(" ", w.command()) + " exited with "
                        + p.exitValue() + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("bench --cold: cannot run " + w.command().get(0) + " (" + e.getMessage() + ")",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bench --cold: interrupted", e);
        }
        double wall = (System.nanoTime() - start) * 1e-9;
        Matcher m = w.seconds().matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("bench --cold: no solve time in the output of " + String.join(" ",
                    w.command()) + ": " + output.strip());
        }
        return new double[] {wall, Double.parseDouble(m.group(1))};
    }

    private static String read(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The results as a Markdown table, with the ratios of medians against numpy (when it ran) and the load. */
    String markdown(Map<String, Timings> results, String loadBefore, String loadAfter) {
        StringBuilder sb = new StringBuilder();
        sb.append(Format.f("Cold start, whole processes: %d paths × %d steps, Euler–Maruyama on gbm, %d runs of each in"
                + " rotation after one untimed run; load average before %s, after %s.%n%n", paths, steps, repeats,
                loadBefore, loadAfter));
        sb.append("| process | wall min | wall median | wall max | solve `seconds` min | median | max |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, Timings> e : results.entrySet()) {
            Timings t = e.getValue();
            sb.append(Format.f("| %s | %.3f | %.3f | %.3f | %.3f | %.3f | %.3f |%n", e.getKey(), Timings.min(t.wall()),
                    Timings.median(t.wall()), Timings.max(t.wall()), Timings.min(t.solve()), Timings.median(t.solve()),
                    Timings.max(t.solve())));
        }
        Timings numpy = results.entrySet().stream().filter(e -> e.getKey().startsWith("numpy")).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if (numpy != null) {
            sb.append('\n');
            for (Map.Entry<String, Timings> e : results.entrySet()) {
                if (e.getValue() != numpy) {
                    Timings t = e.getValue();
                    sb.append(Format.f("- %s: whole process %.2f× numpy's time, solve %.2f× numpy's (below 1: faster).%n",
                            e.getKey(), Timings.median(t.wall()) / Timings.median(numpy.wall()),
                            Timings.median(t.solve()) / Timings.median(numpy.solve())));
                }
            }
        }
        for (String n : notes) {
            sb.append("\n").append(n).append('\n');
        }
        return sb.toString();
    }

    /** The results as one JSON object: per process, [min, median, max] of its wall time and of its solve time. */
    String json(Map<String, Timings> results, String loadBefore, String loadAfter) {
        Json.ObjectBuilder o = Json.object().put("paths", paths).put("steps", steps).put("seed", seed)
                .put("repeats", repeats).put("loadBefore", loadBefore).put("loadAfter", loadAfter);
        for (Map.Entry<String, Timings> e : results.entrySet()) {
            Timings t = e.getValue();
            o.put(e.getKey() + ": wall [min, median, max]", new double[] {Timings.min(t.wall()),
                Timings.median(t.wall()), Timings.max(t.wall())});
            o.put(e.getKey() + ": seconds [min, median, max]", new double[] {Timings.min(t.solve()),
                Timings.median(t.solve()), Timings.max(t.solve())});
        }
        return o.build();
    }
}
