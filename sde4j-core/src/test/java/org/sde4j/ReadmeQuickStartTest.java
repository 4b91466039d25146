package org.sde4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the README's quick-start block with the JDK's compiler against the test class path, runs
 * it, and checks what it prints, so the README cannot drift from the API.
 */
class ReadmeQuickStartTest {
    @Test
    void quickStartCompilesRunsAndPrintsTheMean(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = ReadmeSnippets.compile(dir, "QuickStart", ReadmeSnippets.block("quickstart"))) {
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
