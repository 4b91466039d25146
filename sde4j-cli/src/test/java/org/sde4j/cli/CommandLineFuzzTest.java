package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutation fuzzing of the command line: valid argument vectors of {@code list}, {@code solve},
 * {@code convergence}, {@code fit} and {@code greeks} with tokens deleted, duplicated, swapped or replaced by option names and edge
 * values, run through {@link Main#run}. The vocabulary holds the classes of issue 28 too: output paths that cannot
 * be written (a directory, {@code /proc}, a file where a directory is wanted), argument files ({@code @/dev/zero},
 * a directory, a valid one), duplicated options and names, and CSV files in UTF-8 and in Latin-1. Every case must
 * end with exit code 0, 1 or 2, no internal error (no stack trace), stderr lines of readable length, and no
 * {@code *.tmp} left. Sizes stay small (no value above a few thousand is in the vocabulary), so every case is
 * quick; the huge sizes have their own tests.
 */
class CommandLineFuzzTest {
    static final int CASES = 2000;
    private static final long SEED = 20261129L;

    @TempDir
    static Path dir;

    private static final String[][] BASES = {
        {"list"},
        {"list", "--json"},
        {"solve", "--problem", "gbm", "--scheme", "euler-maruyama", "--steps", "8", "--paths", "64", "--seed", "1",
            "--threads", "1", "--json"},
        {"solve", "--problem", "ou", "--scheme", "milstein", "--dt", "0.25", "--paths", "300", "--threads", "2"},
        {"convergence", "--problem", "gbm", "--scheme", "euler-maruyama", "--kind", "strong", "--paths", "40",
            "--levels", "3", "--coarsest", "4", "--seed", "1", "--threads", "1", "--json"},
        {"convergence", "--problem", "ou", "--scheme", "milstein", "--kind", "weak", "--functional", "x^2", "--paths",
            "200", "--levels", "3", "--coarsest", "4", "--threads", "1"},
        {"convergence", "--problem", "gbm", "--paths", "40", "--levels", "3", "--coarsest", "4", "--threads", "1",
            "--plot", "PLOT"},
        {"fit", "--model", "gbm", "--data", "UTF8CSV", "--column", "x", "--epochs", "5"},
        {"solve", "@ARGS"},
        {"greeks", "--problem", "heston", "--method", "adjoint", "--paths", "300", "--steps", "4", "--seed", "1",
            "--threads", "1", "--json"},
    };

    private static final String[] VOCABULARY = {
        "list", "solve", "convergence", "help", "--help", "-h", "--version", "-V", "--problem", "--scheme", "--steps",
        "--dt", "--paths", "--seed", "--threads", "--json", "--markdown", "--kind", "--functional", "--levels",
        "--coarsest", "--against", "--reference", "--refinement", "--norm", "--no-control-variate", "--two-point",
        "--unknown", "-", "--", "", " ", "-1", "0", "1", "2", "3", "7", "0.5", "-0.5", "NaN", "Infinity", "-Infinity",
        "1e309", "1e-320", "0x10", "x", "é", "gbm", "ou", "cubic", "wave", "additive", "gbm-2noise", "logistic",
        "linear-2d", "euler-maruyama", "milstein", "milstein-general", "sra1", "sriw1", "weak-euler", "strong", "weak",
        "exact", "l2", "max", "final", "x^2", "x", "mean", "--steps=0", "--paths=-5", "--seed=x",
        "--plot", "PLOT", "DIR", "/proc/sde4j-fuzz.png", "FILE", "@/dev/zero", "@DIR", "@ARGS", "@", "@@x",
        "--data", "UTF8CSV", "LATIN1CSV", "--column", "--model", "--synthetic", "--held-out", "--time-scale",
        "--window", "ou-seasonal", "--periods", "1,1", "--threads", "100000", "fit",
        "greeks", "heston", "gbm:sigma=0", "heston:rho=1", "--method", "pathwise", "adjoint", "lr", "fd", "--adjoint",
        "ito", "stochastic", "digital-call", "european-call:strike=1",
    };

    /** The vocabulary's placeholders, replaced by files in the test's directory. */
    private static String[] resolve(String[] args) {
        String[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = out[i].replace("PLOT", dir.resolve("plots/c.png").toString())
                    .replace("UTF8CSV", dir.resolve("utf8.csv").toString())
                    .replace("LATIN1CSV", dir.resolve("latin1.csv").toString())
                    .replace("ARGS", dir.resolve("args.txt").toString())
                    .replace("FILE", dir.resolve("file.txt").toString())
                    .replace("DIR", dir.toString());
        }
        return out;
    }

    @BeforeAll
    static void files() throws IOException {
        StringBuilder csv = new StringBuilder("t,x\n");
        for (int i = 0; i < 40; i++) {
            csv.append(i).append(',').append(100 + Math.sin(i) + i * 0.1).append('\n');
        }
        Files.writeString(dir.resolve("utf8.csv"), csv);
        Files.write(dir.resolve("latin1.csv"), (csv + "40,caf\u00e9\n").getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("args.txt"), "--problem gbm --steps 8 --paths 64 --threads 1 --json\n");
        Files.writeString(dir.resolve("file.txt"), "x");
    }

    @Test
    void everyMutatedCommandLineEndsWithAnExitCodeAndNoInternalError() throws IOException {
        int[] codes = new int[3];
        Set<Path> workingDirectoryBefore = entries(Path.of(""));
        try {
            runCases(codes);
        } finally {
            removeNewEntries(Path.of(""), workingDirectoryBefore);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(List.of(), files.filter(p -> p.toString().endsWith(".tmp")).toList(), "no *.tmp left");
        }
        System.out.println("command-line fuzz: " + CASES + " cases, exit 0: " + codes[0] + ", exit 1: " + codes[1]
                + ", exit 2: " + codes[2]);
    }

    /**
     * A mutation may turn any word into an output path ({@code --plot 1}), which a command rightly writes into the
     * working directory: the module's folder. Whatever the cases add there is removed, so that no run leaves files
     * behind to be committed by mistake.
     */
    private static void removeNewEntries(Path folder, Set<Path> before) throws IOException {
        for (Path entry : entries(folder)) {
            if (!before.contains(entry)) {
                try (Stream<Path> inside = Files.walk(entry)) {
                    for (Path p : inside.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }

    private static Set<Path> entries(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.collect(Collectors.toSet());
        }
    }

    private static void runCases(int[] codes) {
        assertTimeoutPreemptively(Duration.ofSeconds(300), () -> {
            for (int i = 0; i < CASES; i++) {
                long seed = SEED + i;
                String[] args = resolve(Mutations.arguments(BASES[i % BASES.length], VOCABULARY,
                        new SplittableRandom(seed)));
                MainTest.Run run = MainTest.run(args);
                String what = "case seed " + seed + ": sde4j " + String.join(" ", Arrays.stream(args)
                        .map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a).toList()) + "\n" + run.err();
                assertTrue(run.code() >= 0 && run.code() <= 2, what);
                assertFalse(run.err().contains("internal error"), what);
                assertFalse(run.err().contains("\tat "), what);
                assertTrue(run.err().lines().allMatch(l -> l.length() <= 1200), "readable lines: " + what);
                if (run.code() != 0) {
                    assertFalse(run.err().isBlank(), "a failure says why: " + what);
                }
                codes[run.code()]++;
            }
        });
    }
}
