package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Sizes that do not fit in memory and samples too small for what a command prints end with exit code 2
 * and one line saying why, before any work starts.
 */
class CommandLineLimitsTest {
    private static void refused(String[] args, String... fragments) {
        MainTest.Run r = MainTest.run(args);
        assertEquals(Main.USAGE_ERROR, r.code(), r.err());
        assertEquals(1, r.errLines().size(), "one line: " + r.err());
        assertEquals("", r.out());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' missing in: " + r.err());
        }
    }

    @Test
    void twoBillionStepsAndPathsAreRefusedWithTheMemoryNeededAndAvailable() {
        refused(new String[] {"solve", "--problem", "gbm", "--scheme", "euler-maruyama", "--steps", "2000000000",
            "--paths", "2000000000", "--json"}, "sde4j solve: --steps = 2000000000", "needs", "GB of memory",
            "available", "-Xmx");
    }

    @Test
    void onePathHasNoStandardError() {
        refused(new String[] {"convergence", "--problem", "gbm", "--scheme", "euler-maruyama", "--paths", "1"},
                "paths = 1", "at least 2 paths");
        refused(new String[] {"solve", "--problem", "gbm", "--paths", "1"}, "paths = 1", "at least 2 paths");
        refused(new String[] {"tour", "--paths", "1"}, "paths = 1", "at least 2 paths");
    }

    @Test
    void aBootstrapIntervalNeedsPathsToResample() {
        refused(new String[] {"convergence", "--problem", "gbm", "--scheme", "euler-maruyama", "--paths", "5"},
                "paths = 5", "bootstrap interval", "at least 20 paths");
    }
}
