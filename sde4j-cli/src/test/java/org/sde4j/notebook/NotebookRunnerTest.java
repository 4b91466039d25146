package org.sde4j.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.cli.Main;
import org.sde4j.cli.MainTest;

/** The notebook runner, the notebook JSON and {@code sde4j notebooks} on small synthetic notebooks. */
class NotebookRunnerTest {
    @TempDir
    Path dir;

    /** A notebook of a markdown cell followed by one code cell per source. */
    static String notebook(String... sources) {
        List<Object> cells = new ArrayList<>();
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("cell_type", "markdown");
        md.put("metadata", new LinkedHashMap<>());
        md.put("source", List.of("# A test\n", "Text."));
        cells.add(md);
        for (String s : sources) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("cell_type", "code");
            c.put("execution_count", null);
            c.put("metadata", new LinkedHashMap<>());
            c.put("outputs", new ArrayList<>());
            c.put("source", new ArrayList<Object>(Notebook.lines(s)));
            cells.add(c);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("cells", cells);
        root.put("metadata", new LinkedHashMap<>(Map.of("kernelspec",
                Map.of("name", "java", "language", "java", "display_name", "Java"))));
        root.put("nbformat", 4L);
        root.put("nbformat_minor", 5L);
        return NotebookJson.write(root);
    }

    private NotebookRunner.Result run(String... sources) throws IOException {
        Path file = dir.resolve("t.ipynb");
        Files.writeString(file, notebook(sources), StandardCharsets.UTF_8);
        return NotebookRunner.run("t.ipynb", Notebook.read(file), Duration.ofSeconds(60));
    }

    @Test
    void textValuesAndImagesAreRecordedInOrder() throws IOException {
        NotebookRunner.Result r = run(
                "import org.sde4j.notebook.Display;\nint a = 3;\nSystem.out.println(\"a = \" + a);\na * 2",
                "var c = Display.xyChart(\"t\", \"x\", \"y\");\nc.addSeries(\"s\", new double[] {0, 1}, new double[] {1, 2});\n"
                        + "System.out.print(\"before\\n\");\nDisplay.chart(c);\nSystem.out.println(\"after\");");
        assertTrue(r.ok(), String.valueOf(r.failure()));
        assertEquals(2, r.cells().size());
        NotebookRunner.CellRun first = r.cells().get(0);
        assertEquals(1, first.cell());
        assertEquals(1, first.executionCount());
        assertEquals("stream", first.outputs().get(0).get("output_type"));
        assertEquals(List.of("a = 3\n"), first.outputs().get(0).get("text"));
        assertEquals("execute_result", first.outputs().get(1).get("output_type"));
        assertEquals(Map.of("text/plain", List.of("6")), first.outputs().get(1).get("data"));
        List<Map<String, Object>> second = r.cells().get(1).outputs();
        assertEquals(List.of("stream", "display_data", "stream"),
                second.stream().map(o -> o.get("output_type")).toList());
        @SuppressWarnings("unchecked")
        String png = (String) ((Map<String, Object>) second.get(1).get("data")).get("image/png");
        byte[] bytes = Base64.getDecoder().decode(png);
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
    }

    @Test
    void compileErrorsNameTheCell() throws IOException {
        NotebookRunner.Result r = run("int a = 1;", "int b = a + undefinedThing;", "int c = 2;");
        assertNotNull(r.failure());
        assertEquals(2, r.failure().cell());
        assertEquals("compile error", r.failure().kind());
        assertTrue(r.failure().message().contains("undefinedThing"), r.failure().message());
        assertEquals(2, r.cells().size(), "stops at the failing cell");
    }

    @Test
    void runtimeErrorsNameTheCellAndException() throws IOException {
        NotebookRunner.Result r = run("int[] a = new int[1];", "System.out.println(\"x\");\na[2] = 1;");
        assertEquals(2, r.failure().cell());
        assertEquals("runtime error", r.failure().kind());
        assertTrue(r.failure().message().contains("ArrayIndexOutOfBoundsException"), r.failure().message());
        List<Map<String, Object>> outputs = r.cells().get(1).outputs();
        assertEquals("stream", outputs.get(0).get("output_type"));
        assertEquals("error", outputs.get(outputs.size() - 1).get("output_type"));
    }

    @Test
    void methodsWithUnresolvedReferencesAreErrors() throws IOException {
        NotebookRunner.Result r = run("double f(double x) { return g(x); }");
        assertEquals("compile error", r.failure().kind());
        assertTrue(r.failure().message().contains("g(double)"), r.failure().message());
    }

    @Test
    void printfIsNotShownAsAValue() throws IOException {
        NotebookRunner.Result r = run("System.out.printf(\"%d%n\", 5)");
        assertTrue(r.ok(), String.valueOf(r.failure()));
        assertEquals(List.of("stream"), r.cells().get(0).outputs().stream().map(o -> o.get("output_type")).toList());
    }

    @Test
    void aNotebookOverItsBudgetIsStoppedAndNamed() throws IOException {
        Path file = dir.resolve("slow.ipynb");
        // Sleeps rather than spins, so that even a JDK whose JShell cannot stop a running snippet only waits.
        Files.writeString(file, notebook("for (int i = 0; i < 600; i++) Thread.sleep(100);", "int a = 1;"),
                StandardCharsets.UTF_8);
        long start = System.nanoTime();
        NotebookRunner.Result r = NotebookRunner.run("slow.ipynb", Notebook.read(file), Duration.ofSeconds(2));
        assertEquals("timeout", r.failure().kind());
        assertEquals(1, r.failure().cell());
        assertEquals(1, r.cells().size());
        assertTrue(r.failure().message().contains("budget of 2 s"), r.failure().message());
        System.out.printf("stopped after %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @Test
    void aMethodMayUseOneDeclaredLaterInTheCell() throws IOException {
        NotebookRunner.Result r = run("double f(double x) { return g(x) + 1; }\ndouble g(double x) { return 2 * x; }\nf(3)");
        assertTrue(r.ok(), String.valueOf(r.failure()));
        assertEquals(Map.of("text/plain", List.of("7.0")), r.cells().get(0).outputs().get(0).get("data"));
    }

    @Test
    void kernelMagicsAreRejected() throws IOException {
        NotebookRunner.Result r = run("%maven org.example:x:1.0\nint a = 1;");
        assertEquals("kernel magic", r.failure().kind());
    }

    @Test
    void systemStreamsAreRestored() throws IOException {
        var out = System.out;
        var err = System.err;
        run("System.out.println(1);");
        assertTrue(out == System.out && err == System.err);
    }

    @Test
    void jsonRoundTripKeepsTheText() {
        String text = notebook("int a = 1;\n", "String s = \"é\\t\\u2028\";");
        assertEquals(text, NotebookJson.write(NotebookJson.parse(text)));
        Object tree = NotebookJson.parse("{\"a\": [1, 2.5, -3e2, true, null, \"x\\ny\"]}");
        assertEquals(Map.of("a", java.util.Arrays.asList(1L, 2.5, -300.0, true, null, "x\ny")), tree);
        assertThrows(IllegalArgumentException.class, () -> NotebookJson.parse("{\"a\": 1, \"a\": 2}"));
        assertThrows(IllegalArgumentException.class, () -> NotebookJson.parse("[1, 2] x"));
        assertThrows(IllegalArgumentException.class, () -> NotebookJson.parse("[01]"));
    }

    @Test
    void executeWritesOutputsAtomically() throws IOException {
        Path file = dir.resolve("07-demo.ipynb");
        Files.writeString(file, notebook("System.out.println(\"hello\");"), StandardCharsets.UTF_8);
        MainTest.Run r = MainTest.run("notebooks", "--dir", dir.toString(), "--execute", "07");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("07-demo.ipynb: 1 code cells"), r.out());
        Notebook nb = Notebook.read(file);
        Map<String, Object> cell = nb.cells().get(1);
        assertEquals(1L, cell.get("execution_count"));
        assertEquals(1, ((List<?>) cell.get("outputs")).size());
        assertTrue(Files.list(dir).noneMatch(p -> p.toString().endsWith(".tmp")));
    }

    @Test
    void failingNotebooksAreReportedAndNotWritten() throws IOException {
        Path file = dir.resolve("08-bad.ipynb");
        String text = notebook("int a = 1 / 0;");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        MainTest.Run r = MainTest.run("notebooks", "--dir", dir.toString(), "--execute");
        assertEquals(Main.RUN_FAILED, r.code());
        assertTrue(r.out().contains("08-bad.ipynb: FAILED") && r.out().contains("cell 1: runtime error"), r.out());
        assertEquals(text, Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void unknownNamesAreUsageErrors() throws IOException {
        Files.writeString(dir.resolve("01-a.ipynb"), notebook("int a;"), StandardCharsets.UTF_8);
        MainTest.Run r = MainTest.run("notebooks", "--dir", dir.toString(), "02");
        assertEquals(Main.USAGE_ERROR, r.code());
        assertTrue(r.err().contains("notebook '02': not found; valid names: [01-a.ipynb]"), r.err());
    }

    /** Notebooks have no standard input: a cell reading it gets end of input at once, not a wait past --timeout. */
    @Test
    void aCellReadingStandardInputGetsEndOfInput() throws IOException {
        long start = System.nanoTime();
        NotebookRunner.Result r = run("int b = System.in.read();\nSystem.out.println(\"read \" + b);");
        assertTrue(r.ok(), String.valueOf(r.failure()));
        assertTrue(String.valueOf(r.cells().get(0).outputs()).contains("read -1"), String.valueOf(r.cells()));
        assertTrue((System.nanoTime() - start) * 1e-9 < 60, "no wait for input");
    }

    /** A cell that calls System.exit ends the JVM, but says which cell did (a child JVM, so this one lives). */
    @Test
    void aCellThatEndsTheJvmIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("01-exit.ipynb"), "{\"cells\":[{\"cell_type\":\"code\","
                + "\"metadata\":{},\"source\":[\"int a = 1;\"],\"outputs\":[],\"execution_count\":null},"
                + "{\"cell_type\":\"code\",\"metadata\":{},\"source\":[\"System.exit(3);\"],\"outputs\":[],"
                + "\"execution_count\":null}],\"metadata\":{},\"nbformat\":4,\"nbformat_minor\":5}");
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.sde4j.cli.Main", "notebooks", "--dir", dir.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), log);
        assertEquals(3, p.exitValue(), log);
        assertTrue(log.contains("notebook 01-exit.ipynb: cell 1 ended the JVM"), log);
    }
}
