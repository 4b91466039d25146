package org.sde4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the README's quick-start block with the JDK's compiler against the test class path, runs
 * it, and checks what it prints, so the README cannot drift from the API.
 */
class ReadmeQuickStartTest {
    @Test
    void quickStartCompilesRunsAndPrintsTheMean(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("<!-- quickstart:begin -->\\s*```java\\n(.*?)```\\s*<!-- quickstart:end -->",
                Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has no quickstart block between the markers");
        Path source = dir.resolve("QuickStart.java");
        Files.writeString(source, block.group(1), StandardCharsets.UTF_8);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), source.toString());
        assertEquals(0, status, () -> "the quick start does not compile:\n" + diagnostics);

        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Method main = loader.loadClass("QuickStart").getMethod("main", String[].class);
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            main.invoke(null, (Object) new String[0]);
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8);
        Matcher numbers = Pattern.compile("mean (\\S+) ± (\\S+) \\(exact (\\S+)\\)").matcher(printed);
        assertTrue(numbers.find(), "unexpected output: " + printed);
        List<Double> v = List.of(Double.parseDouble(numbers.group(1)), Double.parseDouble(numbers.group(2)),
                Double.parseDouble(numbers.group(3)));
        assertTrue(Math.abs(v.get(0) - v.get(2)) < 4 * v.get(1), "mean not within 4 standard errors: " + printed);
    }
}
