package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of issue 28 (sharp edges), one test per class: each ends in a one-line error naming the option
 * the user typed (exit 2), or in a result without NaN or Infinity; none in a stack trace, a hang or a silent
 * wrong answer. Classes 1 and 2 (outputs, standard output) are walked for every command by {@link OutputWalkTest}.
 */
class SharpEdgesTest {
    private static final Pattern NOT_A_NUMBER = Pattern.compile("\\bNaN\\b|Infinity");

    @TempDir
    Path dir;

    private static String[] args(List<String> prefix, String... more) {
        return java.util.stream.Stream.concat(prefix.stream(), java.util.Arrays.stream(more)).toArray(String[]::new);
    }

    /** Exit 2, one line on stderr (two for a parse error: the valid options follow), each fragment in the first. */
    static MainTest.Run refused(String[] args, String... fragments) {
        MainTest.Run r = MainTest.run(args);
        String what = String.join(" ", args).substring(0, Math.min(200, String.join(" ", args).length())) + "\n"
                + r.err().substring(0, Math.min(2000, r.err().length()));
        assertEquals(Main.USAGE_ERROR, r.code(), what);
        assertTrue(r.errLines().size() == 1 || r.errLines().size() == 2 && r.errLines().get(1).contains("valid options"),
                what);
        assertFalse(r.err().contains("\tat "), what);
        assertEquals("", r.out(), what);
        for (String f : fragments) {
            assertTrue(r.errLines().get(0).contains(f), "'" + f + "' missing: " + what);
        }
        return r;
    }

    private static void noNonNumbers(MainTest.Run r) {
        assertEquals(0, r.code(), r.err());
        assertFalse(NOT_A_NUMBER.matcher(r.out()).find(), r.out());
    }

    /** Class 3: networks are sized before they are built; a thread count far beyond the processors is refused. */
    @Test
    void networksTooLargeForTheHeapAreRefusedNamingTheOptions() {
        refused(args(List.of("train"), "--widths", "4096,4096,4096", "--data", "subset"), "--widths 4096,4096,4096",
                "of memory", "-Xmx");
        refused(args(List.of("train"), "--blocks", "100000", "--data", "subset"), "--blocks 100000", "of memory");
        refused(args(List.of("train"), "--arch", "mlp", "--widths", "30000,30000", "--data", "subset"),
                "--widths 30000,30000", "of memory");
        refused(args(List.of("experiment"), "--archs", "resnet", "--widths", "4096,4096,4096", "--output",
                dir.resolve("a.md").toString()), "--widths 4096,4096,4096", "of memory");
        refused(args(List.of("sgd-sde"), "--paths", "2147483647", "--output", dir.resolve("e.md").toString()),
                "--paths = 2147483647", "of memory", "fewer --paths");
        refused(args(List.of("train"), "--threads", "10000", "--data", "subset"), "--threads = 10000", "processor");
        refused(args(List.of("solve"), "--problem", "gbm", "--threads", "2147483647"), "--threads = 2147483647");
    }

    /** Class 4: a statistic that cannot be formed is said in words, or its input refused up front. */
    @Test
    void statisticsThatCannotBeFormedAreNotPrintedAsNumbers() {
        noNonNumbers(MainTest.run("solve", "--problem", "additive", "--paths", "2", "--steps", "8", "--threads", "1"));
        noNonNumbers(MainTest.run("solve", "--problem", "gbm", "--paths", "2", "--steps", "8", "--threads", "1"));
        noNonNumbers(MainTest.run("tour", "--paths", "2", "--strong-paths", "20", "--steps", "1", "--threads", "1"));
        MainTest.Run fit = MainTest.run("fit", "--model", "gbm", "--synthetic", "--held-out", "0", "--epochs", "50");
        noNonNumbers(fit);
        assertTrue(fit.out().contains("n/a: no transition held out"), fit.out());
        refused(args(List.of("sgd-sde"), "--paths", "100", "--output", dir.resolve("e.md").toString()),
                "--paths = 100", "at least 200");
        refused(args(List.of("depth-steps"), "--train-steps", "1", "--eval-steps", "4,4", "--output",
                dir.resolve("e.md").toString()), "--eval-steps: 4 is given twice");
        refused(new String[] {"experiment", "--archs", "resnet,resnet", "--output", dir.resolve("a.md").toString()},
                "--archs: resnet is given twice");
    }

    /** Class 6: messages name the options typed; options that do not apply are refused. */
    @Test
    void messagesNameTheOptionsTheUserTyped() {
        refused(new String[] {"convergence", "--problem", "cubic", "--against", "reference", "--paths", "40", "--levels",
            "3", "--coarsest", "4", "--refinement", "0"}, "--refinement");
        refused(args(List.of("train"), "--lr", "0", "--data", "subset", "--arch", "mlp", "--widths", "8"), "--lr = 0");
        refused(new String[] {"fit", "--model", "gbm", "--synthetic", "--held-out", "2"}, "--held-out = 2");
        refused(new String[] {"train", "--train-limit", "0", "--data", "subset"}, "--train-limit = 0");
        refused(new String[] {"depth-steps", "--train-steps", "0", "--output", dir.resolve("e.md").toString()},
                "--train-steps: 0 must be at least 1");
        refused(new String[] {"solve", "--problem", "gbm", "--paths", "5", "--paths", "6"},
                "--paths: given more than once");
        refused(new String[] {"tour", "--strong-paths", "19"}, "--strong-paths = 19");
        refused(new String[] {"convergence", "--kind", "strong", "--functional", "x^2"}, "--functional",
                "weak errors only");
        refused(new String[] {"convergence", "--kind", "weak", "--norm", "l2"}, "--norm", "strong errors only");
        refused(new String[] {"fit", "--model", "gbm", "--synthetic", "--time-scale", "NaN"}, "--time-scale",
                "--data only");
        refused(new String[] {"fit", "--model", "gbm", "--synthetic", "--window", "5"}, "--window",
                "--model neural only");
    }

    /** Class 7: argument files bounded and checked, undecodable CSV named by line, long values cut. */
    @Test
    void argumentFilesEncodingsAndLongValues() throws IOException {
        long start = System.nanoTime();
        refused(new String[] {"solve", "@/dev/zero"}, "@/dev/zero", "not a regular file");
        assertTrue((System.nanoTime() - start) * 1e-9 < 10, "no hang");
        refused(new String[] {"solve", "@" + dir}, "is a directory");
        Path nested = Files.writeString(dir.resolve("nested.txt"), "--problem gbm @/dev/zero\n");
        refused(new String[] {"solve", "@" + nested}, "do not nest");
        Path big = dir.resolve("big.txt");
        Files.write(big, new byte[ArgumentFiles.MAX_BYTES + 1]);
        refused(new String[] {"solve", "@" + big}, "larger than");
        Path ok = Files.writeString(dir.resolve("args.txt"), "# gbm, small\n--problem gbm --paths 100\n"
                + "--steps 8 --threads \"1\" --json\n");
        MainTest.Run r = MainTest.run("solve", "@" + ok);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("{\"problem\":\"gbm\""), r.out());

        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, "t,x\n0,1\n1,2\n2,caf\u00e9\n3,4\n4,5\n".getBytes(StandardCharsets.ISO_8859_1));
        refused(new String[] {"fit", "--model", "gbm", "--data", latin1.toString(), "--column", "x"},
                "latin1.csv line 4: not UTF-8");

        String huge = "x".repeat(200_000);
        MainTest.Run cut = refused(new String[] {"solve", "--problem", huge});
        assertTrue(cut.err().length() < 1200, "echoed value cut: " + cut.err().length() + " characters");
        assertTrue(cut.err().matches("(?s).*\\(2000\\d\\d characters\\).*"), cut.err());
    }

    private static String[] train(Path checkpoint, String... more) {
        return args(List.of("train", "--data", "subset", "--train-limit", "256", "--test-limit", "32", "--epochs", "1",
                "--arch", "mlp", "--widths", "8", "--threads", "1", "--checkpoint", checkpoint.toString()), more);
    }

    /** Class 8: checkpoints are not overwritten silently, keep their links, refuse loops and a second run. */
    @Test
    void checkpointsAreGuarded() throws IOException {
        Path other = Files.writeString(dir.resolve("other.ckpt"), "not a checkpoint");
        refused(train(other), "the file exists", "--resume", "--force");
        assertEquals("not a checkpoint", Files.readString(other));

        Path real = Files.createDirectories(dir.resolve("real")).resolve("c.ckpt");
        assertEquals(0, MainTest.run(train(real)).code());
        Path link = Files.createSymbolicLink(dir.resolve("link.ckpt"), real);
        MainTest.Run forced = MainTest.run(train(link, "--force"));
        assertEquals(0, forced.code(), forced.err());
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertTrue(Files.size(real) > 100);

        Path loop1 = dir.resolve("loop1");
        Files.createSymbolicLink(loop1, dir.resolve("loop2"));
        Files.createSymbolicLink(dir.resolve("loop2"), loop1);
        refused(train(loop1, "--resume"), "--checkpoint", "loop of symbolic links");

        Path shared = dir.resolve("shared.ckpt");
        try (FileChannel held = FileChannel.open(dir.resolve(".shared.ckpt.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = held.lock()) {
            refused(train(shared), "another run is using it");
        }
        assertEquals(0, MainTest.run(train(shared)).code(), "free again once the other run ends");
        assertFalse(Files.exists(dir.resolve(".shared.ckpt.lock")), "the lock file goes with the run");

        refused(new String[] {"notebooks", "--dir", Files.createDirectories(dir.resolve("empty")).toString()},
                "holds no .ipynb notebooks");
    }

    /** Class 9: an invalid or unreachable Spark master is one line within a bounded wait. */
    @Test
    void invalidOrUnreachableSparkMastersAreRefusedQuickly() {
        long start = System.nanoTime();
        refused(new String[] {"solve", "--problem", "gbm", "--spark", "local[0]"}, "local[N] needs N from 1");
        refused(new String[] {"solve", "--problem", "gbm", "--spark", "yarn"}, "YARN");
        refused(new String[] {"convergence", "--problem", "gbm", "--spark", "spark://127.0.0.1:1"},
                "no Spark master answers at 127.0.0.1:1");
        assertTrue((System.nanoTime() - start) * 1e-9 < 20, "bounded wait");
    }
}
