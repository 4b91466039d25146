package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.cli.output.OutputDirectory;
import org.sde4j.cli.output.OutputFile;
import org.sde4j.cli.output.OutputTarget;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Issue 28, classes 1 and 2, for every subcommand: an output that cannot be written is refused before the work
 * (exit 2, one line naming the option, no {@code *.tmp} left), and a standard output that fails makes the command
 * exit non-zero with a message. A new command joins by adding its smallest run to {@link #TINY}; the test fails
 * until it does, and fails when a command takes an output file as a plain {@code Path} (which nothing would check).
 */
class OutputWalkTest {
    @TempDir
    Path dir;

    /** Options of type Path that are inputs (read, never written). */
    private static final Set<String> INPUT_PATHS = Set.of("notebooks --dir");

    /** The options a command needs to parse at all. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "solve", List.of("--problem", "gbm"),
            "fit", List.of("--model", "gbm", "--synthetic"),
            "estimate", List.of("--problem", "gbm", "--tol", "0.01"));

    /** Each command's smallest real run; DIR is replaced by a fresh directory. */
    private static final Map<String, List<String>> TINY = tiny();

    private static Map<String, List<String>> tiny() {
        List<String> subset = List.of("--data", "subset", "--train-limit", "256", "--test-limit", "32");
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("list", List.of());
        m.put("solve", List.of("--problem", "gbm", "--paths", "100", "--steps", "8", "--threads", "1"));
        m.put("tour", List.of("--paths", "16", "--strong-paths", "20", "--steps", "4", "--threads", "1"));
        m.put("convergence", List.of("--problem", "gbm", "--paths", "40", "--levels", "3", "--coarsest", "4",
                "--threads", "1", "--plot", "DIR/c.png"));
        m.put("estimate", List.of("--problem", "gbm", "--tol", "0.01", "--method", "mlmc", "--threads", "1",
                "--plot", "DIR/e.png"));
        m.put("bench", List.of("--only", "gaussian", "--paths", "1000", "--steps", "8", "--repeats", "1", "--doc",
                "DIR/b.md"));
        m.put("train", concat(subset, List.of("--arch", "mlp", "--widths", "8", "--epochs", "1", "--threads", "1",
                "--checkpoint", "DIR/m.ckpt")));
        m.put("fit", List.of("--model", "gbm", "--synthetic", "--epochs", "20"));
        m.put("greeks", List.of("--problem", "gbm", "--paths", "300", "--steps", "4", "--threads", "1"));
        m.put("notebooks", List.of("--dir", "DIR/nb"));
        m.put("experiment", concat(subset, List.of("--archs", "resnet", "--widths", "2,2,2", "--blocks", "1",
                "--epochs", "1", "--seeds", "1", "--mc-passes", "0", "--threads", "1", "--output", "DIR/a.md")));
        m.put("sgd-sde", List.of("--paths", "200", "--output", "DIR/e.md"));
        m.put("depth-steps", concat(subset, List.of("--train-steps", "1", "--eval-steps", "1,2", "--width", "2",
                "--epochs", "1", "--output", "DIR/e.md")));
        m.put("non-lipschitz", concat(subset, List.of("--seeds", "1", "--blocks", "1", "--width", "2", "--epochs", "1",
                "--output", "DIR/e.md")));
        return m;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }

    private static List<CommandLine> commands() {
        CommandLine all = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        return all.getSubcommands().values().stream().filter(c -> !c.getCommandName().equals("help")).toList();
    }

    @Test
    void everyCommandHasATinyRunAndNoUncheckedOutputPath() {
        for (CommandLine c : commands()) {
            String name = c.getCommandName();
            assertTrue(TINY.containsKey(name), "add the smallest run of '" + name + "' to OutputWalkTest.TINY");
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (o.type() == Path.class || o.type() == java.io.File.class) {
                    assertTrue(INPUT_PATHS.contains(name + " " + o.longestName()), name + " " + o.longestName()
                            + " is a plain Path: an output must be an OutputFile, OutputDirectory or DocumentFile"
                            + " (checked before the work), an input must be listed in INPUT_PATHS");
                }
            }
        }
    }

    @Test
    void everyOutputThatCannotBeWrittenIsRefusedBeforeTheWork() throws IOException {
        Path file = Files.writeString(dir.resolve("plain.txt"), "x");
        int checked = 0;
        for (CommandLine c : commands()) {
            String name = c.getCommandName();
            for (OptionSpec o : c.getCommandSpec().options()) {
                if (!OutputTarget.class.isAssignableFrom(o.type())) {
                    continue;
                }
                boolean directory = o.type() == OutputDirectory.class;
                List<String> unwritable = directory ? List.of(file.toString(), "/proc/sde4j-x")
                        : List.of(dir.toString(), "/proc/sde4j-x.md", dir.resolve("missing/deeper/x").toString());
                for (String bad : unwritable) {
                    if (o.type() == OutputFile.class && bad.contains("missing")) {
                        continue; // a plot's or checkpoint's missing directory is created before the work
                    }
                    List<String> args = new ArrayList<>(List.of(name));
                    args.addAll(REQUIRED.getOrDefault(name, List.of()));
                    for (OptionSpec other : c.getCommandSpec().options()) {
                        // the other outputs with a default get a good value, so this one is what is refused
                        if (other != o && OutputTarget.class.isAssignableFrom(other.type())
                                && other.defaultValue() != null) {
                            args.add(other.longestName());
                            args.add(dir.resolve("good-" + name + (other.type() == OutputDirectory.class ? ""
                                    : ".md")).toString());
                        }
                    }
                    args.add(o.longestName());
                    args.add(bad);
                    long start = System.nanoTime();
                    MainTest.Run r = MainTest.run(args.toArray(String[]::new));
                    double seconds = (System.nanoTime() - start) * 1e-9;
                    String what = String.join(" ", args) + "\n" + r.err();
                    assertEquals(Main.USAGE_ERROR, r.code(), what);
                    assertEquals(1, r.errLines().size(), what);
                    assertTrue(r.err().contains(o.longestName()), what);
                    assertFalse(r.err().contains("\tat "), what);
                    assertEquals("", r.out(), what);
                    assertTrue(seconds < 20, "refused before the work: " + seconds + " s, " + what);
                    checked++;
                }
            }
        }
        // convergence --plot, tour --plots, bench --doc, train --checkpoint, experiment --output and --runs,
        // sgd-sde, depth-steps and non-lipschitz --output
        assertTrue(checked >= 9 * 2, "checked " + checked);
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList(), "no *.tmp left");
        }
        assertFalse(Files.exists(dir.resolve("missing")), "a refused document creates no directory");
    }

    /** An output stream that fails every write, as {@code > /dev/full} does. */
    private static final class Full extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    @Test
    void everyCommandWithAFailingStandardOutputExitsNonZeroAndSaysSo() throws IOException {
        for (Map.Entry<String, List<String>> e : TINY.entrySet()) {
            Path run = Files.createDirectories(dir.resolve(e.getKey()));
            Path nb = Files.createDirectories(run.resolve("nb"));
            Files.writeString(nb.resolve("01-tiny.ipynb"), "{\"cells\":[{\"cell_type\":\"code\",\"metadata\":{},"
                    + "\"source\":[\"System.out.println(1 + 1);\"],\"outputs\":[],\"execution_count\":null}],"
                    + "\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");
            List<String> args = new ArrayList<>(List.of(e.getKey()));
            e.getValue().forEach(a -> args.add(a.replace("DIR", run.toString())));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = Main.run(new PrintStream(new Full(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
            String message = err.toString(StandardCharsets.UTF_8);
            String what = String.join(" ", args) + "\n" + message;
            assertNotEquals(0, code, what);
            assertTrue(message.contains("could not write to standard output"), what);
            assertFalse(message.contains("\tat "), what);
        }
    }

    @Test
    void theTinyRunsSucceedOnAWorkingOutput() throws IOException {
        // The walk above means something only if each tiny run works when nothing fails.
        for (Map.Entry<String, List<String>> e : TINY.entrySet()) {
            Path run = Files.createDirectories(dir.resolve("ok-" + e.getKey()));
            Path nb = Files.createDirectories(run.resolve("nb"));
            Files.writeString(nb.resolve("01-tiny.ipynb"), "{\"cells\":[{\"cell_type\":\"code\",\"metadata\":{},"
                    + "\"source\":[\"System.out.println(1 + 1);\"],\"outputs\":[],\"execution_count\":null}],"
                    + "\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");
            List<String> args = new ArrayList<>(List.of(e.getKey()));
            e.getValue().forEach(a -> args.add(a.replace("DIR", run.toString())));
            MainTest.Run r = MainTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), String.join(" ", args) + "\n" + r.err());
            assertFalse(r.out().isEmpty(), String.join(" ", args));
        }
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> p.toString().endsWith(".tmp")).toList(), "no *.tmp left");
        }
    }
}
