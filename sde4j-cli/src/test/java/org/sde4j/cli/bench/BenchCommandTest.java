package org.sde4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.cli.JsonReader;
import org.sde4j.cli.MainTest;

/**
 * {@code sde4j bench} end to end on tiny workloads (speed is never asserted): a subset as one JSON object,
 * the rewrite of the generated region only, and a clear error for an unknown section.
 */
class BenchCommandTest {
    @Test
    void aSubsetPrintsOneJsonObjectWithEveryMedian() {
        MainTest.Run r = MainTest.run("bench", "--only", "gaussian,em,schemes", "--paths", "512", "--steps", "8",
                "--repeats", "1", "--numpy", "none", "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> json = JsonReader.object(r.out().strip());
        assertEquals(512.0, json.get("paths"));
        for (String key : new String[] {"gaussian: " + BenchSuite.BOX_MULLER, "gaussian: " + BenchSuite.ZIGGURAT,
            "em: " + BenchSuite.BLOCK_2, "em: " + BenchSuite.FORMS_1, "em: " + BenchSuite.PATH_ENGINE,
            "schemes: gbm / sriw1", "schemes: additive / sra1"}) {
            assertTrue(json.get(key) instanceof Double && (Double) json.get(key) > 0, key + " in " + json.keySet());
        }
        assertFalse(json.containsKey("brownian: virtual tree, tol = h/2"), "brownian was not asked for");
    }

    @Test
    void rewritesOnlyTheGeneratedRegion(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n\nhand-written before\n\n" + BenchSuite.BEGIN + "\nold table\n"
                + BenchSuite.END + "\n\nhand-written after\n", StandardCharsets.UTF_8);
        MainTest.Run r = MainTest.run("bench", "--only", "gaussian", "--paths", "256", "--steps", "4", "--repeats", "1",
                "--doc", doc.toString());
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("# Benchmarks\n\nhand-written before\n\n" + BenchSuite.BEGIN), text);
        assertTrue(text.endsWith(BenchSuite.END + "\n\nhand-written after\n"), text);
        assertFalse(text.contains("old table"), text);
        assertTrue(text.contains("### Gaussian draws alone") && text.contains("Load average"), text);
        assertTrue(text.contains("`bin/sde4j bench --only gaussian"), "the command is recorded: " + text);
    }

    @Test
    void rejectsAnUnknownSection() {
        MainTest.Run r = MainTest.run("bench", "--only", "gaussian,warp", "--repeats", "1");
        assertNotEquals(0, r.code());
        assertTrue(r.err().contains("--only warp") && r.err().contains("gaussian, em, schemes, brownian"), r.err());
    }
}
