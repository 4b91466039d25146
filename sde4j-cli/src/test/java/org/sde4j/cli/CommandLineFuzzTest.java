package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation fuzzing of the command line: valid argument vectors of {@code list}, {@code solve} and
 * {@code convergence} with tokens deleted, duplicated, swapped or replaced by option names and edge values,
 * run through {@link Main#run}. Every case must end with exit code 0, 1 or 2 and no internal error (no
 * stack trace). Sizes stay small (no value above a few thousand is in the vocabulary), so every case is
 * quick; the huge sizes have their own tests.
 */
class CommandLineFuzzTest {
    static final int CASES = 2000;
    private static final long SEED = 20261129L;

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
    };

    private static final String[] VOCABULARY = {
        "list", "solve", "convergence", "help", "--help", "-h", "--version", "-V", "--problem", "--scheme", "--steps",
        "--dt", "--paths", "--seed", "--threads", "--json", "--markdown", "--kind", "--functional", "--levels",
        "--coarsest", "--against", "--reference", "--refinement", "--norm", "--no-control-variate", "--two-point",
        "--unknown", "-", "--", "", " ", "-1", "0", "1", "2", "3", "7", "0.5", "-0.5", "NaN", "Infinity", "-Infinity",
        "1e309", "1e-320", "0x10", "x", "é", "gbm", "ou", "cubic", "wave", "additive", "gbm-2noise", "logistic",
        "linear-2d", "euler-maruyama", "milstein", "milstein-general", "sra1", "sriw1", "weak-euler", "strong", "weak",
        "exact", "l2", "max", "final", "x^2", "x", "mean", "--steps=0", "--paths=-5", "--seed=x",
    };

    @Test
    void everyMutatedCommandLineEndsWithAnExitCodeAndNoInternalError() {
        int[] codes = new int[3];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < CASES; i++) {
                long seed = SEED + i;
                String[] args = Mutations.arguments(BASES[i % BASES.length], VOCABULARY, new SplittableRandom(seed));
                MainTest.Run run = MainTest.run(args);
                String what = "case seed " + seed + ": sde4j " + String.join(" ", Arrays.stream(args)
                        .map(a -> a.isEmpty() || a.contains(" ") ? "'" + a + "'" : a).toList()) + "\n" + run.err();
                assertTrue(run.code() >= 0 && run.code() <= 2, what);
                assertFalse(run.err().contains("internal error"), what);
                assertFalse(run.err().contains("\tat "), what);
                if (run.code() != 0) {
                    assertFalse(run.err().isBlank(), "a failure says why: " + what);
                }
                codes[run.code()]++;
            }
        });
        System.out.println("command-line fuzz: " + CASES + " cases, exit 0: " + codes[0] + ", exit 1: " + codes[1]
                + ", exit 2: " + codes[2]);
    }
}
