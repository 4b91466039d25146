package org.sde4j.cli.experiment;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.sde4j.cli.output.Format;

/**
 * What one (architecture, seed) run of {@code sde4j experiment} measured, saved as a small text file so that an
 * experiment that takes hours can be stopped and resumed: {@code experiment --runs DIR} writes one file per run
 * ({@code DIR/ARCH-seedK.properties}, atomically, as soon as the run ends) and skips every run whose file is
 * already there. A run is deterministic given its budget and seed, so a resumed experiment reports what an
 * uninterrupted one would (apart from the timings, which are those of the session that ran each run).
 *
 * <p>Each file records its {@code budget} — the recipe that determines the result (widths, blocks, epochs,
 * data sizes, Monte Carlo passes) — and a file made under another budget is refused with both budgets named,
 * never silently mixed in. A file that cannot be read back (truncated, edited, a number that does not parse)
 * is refused with the reason. Numbers are written with {@link Double#toString}, which reads back exactly.
 *
 * @param arch the architecture's name
 * @param seed the seed, from 1
 * @param budget the recipe, as {@link #budget} writes it
 * @param params number of trained parameters
 * @param testAccuracy mean-field test accuracy after the last epoch
 * @param trainAccuracy training accuracy over the last epoch (augmented images, measured while training: the side
 *        of a generalisation gap), or NaN in a file saved before it was recorded
 * @param mcAccuracy Monte Carlo test accuracy, or NaN when not measured
 * @param mcPassSd standard deviation of the single-pass accuracies, or NaN
 * @param imagesPerSecond training throughput
 * @param heldMiB activations held between training steps, MiB
 * @param wallSeconds wall time of the run (training, evaluation and measurements)
 * @param curve test accuracy after each epoch
 */
public record ExperimentRun(String arch, int seed, String budget, long params, double testAccuracy, double trainAccuracy,
        double mcAccuracy, double mcPassSd, double imagesPerSecond, double heldMiB, double wallSeconds,
        double[] curve) {

    /** The canonical text of a budget: everything that determines a run's result besides its architecture and seed. */
    public static String budget(int[] widths, int blocks, int epochs, int trainSize, int testSize, int mcPasses) {
        return Format.f("widths=%s blocks=%d epochs=%d train=%d test=%d mc-passes=%d", Arrays.toString(widths)
                .replace(" ", ""), blocks, epochs, trainSize, testSize, mcPasses);
    }

    /** The file of run ({@code arch}, {@code seed}) in {@code dir}. */
    public static Path file(Path dir, String arch, int seed) {
        return dir.resolve(arch + "-seed" + seed + ".properties");
    }

    /** Writes this run to its file in {@code dir} atomically (a temporary file, then a rename). */
    public void save(Path dir) throws IOException {
        TreeMap<String, String> p = new TreeMap<>();
        p.put("arch", arch);
        p.put("seed", Integer.toString(seed));
        p.put("budget", budget);
        p.put("params", Long.toString(params));
        p.put("testAccuracy", Double.toString(testAccuracy));
        p.put("trainAccuracy", Double.toString(trainAccuracy));
        p.put("mcAccuracy", Double.toString(mcAccuracy));
        p.put("mcPassSd", Double.toString(mcPassSd));
        p.put("imagesPerSecond", Double.toString(imagesPerSecond));
        p.put("heldMiB", Double.toString(heldMiB));
        p.put("wallSeconds", Double.toString(wallSeconds));
        p.put("curve", String.join(",", Arrays.stream(curve).mapToObj(Double::toString).toList()));
        StringBuilder text = new StringBuilder("# one run of sde4j experiment; see ExperimentRun's javadoc\n");
        p.forEach((k, v) -> text.append(k).append('=').append(escape(v)).append('\n'));
        org.sde4j.cli.output.AtomicFile.write(file(dir, arch, seed), text.toString());
    }

    private static String escape(String value) {
        Properties one = new Properties();
        one.setProperty("k", value);
        StringWriter w = new StringWriter();
        try {
            one.store(w, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String stored = w.toString().lines().filter(l -> l.startsWith("k=")).findFirst().orElseThrow();
        return stored.substring(2);
    }

    /**
     * The saved run ({@code arch}, {@code seed}) in {@code dir}, or empty when it has not been run.
     *
     * @throws IllegalArgumentException if the file was made under another budget, or cannot be read back
     */
    public static Optional<ExperimentRun> load(Path dir, String arch, int seed, String budget) throws IOException {
        Path path = file(dir, arch, seed);
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IllegalArgumentException | java.nio.charset.MalformedInputException e) {
            throw corrupt(path, e.getMessage());
        }
        String saved = p.getProperty("budget");
        if (saved != null && !saved.equals(budget)) {
            throw new IllegalArgumentException("--runs: " + path + " was made under the budget '" + saved
                    + "', not this one ('" + budget + "'): give another --runs directory, or delete the file to run it again");
        }
        try {
            if (!arch.equals(required(p, "arch")) || seed != Integer.parseInt(required(p, "seed"))) {
                throw new IllegalArgumentException("its arch and seed are " + p.getProperty("arch") + " and "
                        + p.getProperty("seed"));
            }
            double[] curve = Arrays.stream(required(p, "curve").split(",")).mapToDouble(Double::parseDouble).toArray();
            ExperimentRun run = new ExperimentRun(arch, seed, required(p, "budget"), Long.parseLong(required(p, "params")),
                    number(p, "testAccuracy"), optionalNumber(p, "trainAccuracy"), number(p, "mcAccuracy"),
                    number(p, "mcPassSd"),
                    number(p, "imagesPerSecond"), number(p, "heldMiB"), number(p, "wallSeconds"), curve);
            if (!(run.testAccuracy() >= 0 && run.testAccuracy() <= 1) || run.params() < 1) {
                throw new IllegalArgumentException("testAccuracy " + run.testAccuracy() + " or params " + run.params()
                        + " is out of range");
            }
            return Optional.of(run);
        } catch (IllegalArgumentException e) {
            throw corrupt(path, e.getMessage());
        }
    }

    private static IllegalArgumentException corrupt(Path path, String reason) {
        return new IllegalArgumentException("--runs: " + path + " is not a saved run (" + reason
                + "): delete it to run it again");
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("no " + key);
        }
        return v;
    }

    private static double number(Properties p, String key) {
        return Double.parseDouble(required(p, key));
    }

    /** A number that files saved by earlier versions lack: NaN when absent, refused when it does not parse. */
    private static double optionalNumber(Properties p, String key) {
        return p.getProperty(key) == null ? Double.NaN : number(p, key);
    }
}
