package org.sde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notebook of {@code notebooks/} runs: each code cell, in order, through JShell on the test class path
 * ({@link NotebookRunner}), with no compile or runtime error, within a generous hang guard (the notebooks
 * themselves are sized to take seconds). The stored notebook must also carry its outputs (every code cell
 * executed by {@code sde4j notebooks --execute}) and declare the Java kernel.
 */
class NotebooksTest {
    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("sde4j.root", "..")).resolve("notebooks"))) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
            assertFalse(all.isEmpty(), "no notebooks in notebooks/");
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void everyCellRuns(Path file) throws IOException {
        Notebook nb = Notebook.read(file);
        NotebookRunner.Result r = NotebookRunner.run(file.getFileName().toString(), nb, Duration.ofMinutes(5));
        assertTrue(r.ok(), () -> file.getFileName() + ": " + r.failure());
        System.out.printf("%s: %d code cells in %.1f s%n", file.getFileName(), r.cells().size(), r.seconds());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void carriesItsOutputsAndTheJavaKernel(Path file) throws IOException {
        Notebook nb = Notebook.read(file);
        String text = Files.readString(file);
        assertTrue(text.contains("\"name\": \"java\""), file + ": kernelspec name must be java");
        List<Map<String, Object>> cells = nb.cells();
        int count = 0;
        for (int i = 0; i < cells.size(); i++) {
            if (Notebook.isCode(cells.get(i))) {
                count++;
                assertEquals((long) count, cells.get(i).get("execution_count"), file.getFileName() + " cell " + i
                        + ": not executed; run bin/sde4j notebooks --execute " + file.getFileName());
                assertNotNull(cells.get(i).get("outputs"));
            }
        }
        assertEquals(text, nb.toJson(), file + ": not in the layout sde4j writes; run bin/sde4j notebooks --execute");
    }
}
