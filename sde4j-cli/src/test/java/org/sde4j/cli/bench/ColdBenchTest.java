package org.sde4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ColdBench}: its statistics and reports (the process runs themselves are the benchmark's, not a test's). */
class ColdBenchTest {
    @Test
    void minMedianMax() {
        double[] v = {0.5, 0.2, 0.9, 0.4};
        assertEquals(0.2, ColdBench.Timings.min(v));
        assertEquals(0.45, ColdBench.Timings.median(v), 1e-15);
        assertEquals(0.9, ColdBench.Timings.max(v));
        assertEquals(0.5, ColdBench.Timings.median(new double[] {0.9, 0.5, 0.1}));
    }

    @Test
    void reportsGiveRatiosOfMediansAgainstNumpy() {
        ColdBench bench = new ColdBench(Path.of("."), 100_000, 256, 42, 3, null);
        Map<String, ColdBench.Timings> r = new LinkedHashMap<>();
        r.put("sde4j solve (start-up archive)", new ColdBench.Timings(new double[] {0.4, 0.5, 0.6},
                new double[] {0.1, 0.2, 0.3}));
        r.put("numpy EM", new ColdBench.Timings(new double[] {0.9, 1.0, 1.1}, new double[] {0.3, 0.4, 0.5}));
        String md = bench.markdown(r, "0.10", "0.20");
        assertTrue(md.contains("| sde4j solve (start-up archive) | 0.400 | 0.500 | 0.600 | 0.100 | 0.200 | 0.300 |"), md);
        assertTrue(md.contains("whole process 0.50× numpy's time, solve 0.50× numpy's"), md);
        assertTrue(md.contains("load average before 0.10, after 0.20"), md);
        String json = bench.json(r, "0.10", "0.20");
        assertTrue(json.contains("\"numpy EM: wall [min, median, max]\":[0.9,1.0,1.1]"), json);
    }

    @Test
    void withoutTheLauncherItFailsNamingIt(@TempDir Path empty) {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ColdBench(empty, 1000, 16, 1, 1, "none").run());
        assertTrue(e.getMessage().contains("bin/sde4j not found") || e.getMessage().contains("sde4j not found"),
                e.getMessage());
    }
}
