package org.sde4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles the README's convergence-assertion example (a JUnit test class) and runs its test method:
 * it passes as written, and fails with the readable report when the claimed order is wrong.
 */
class ReadmeAssertionTest {
    private static final String CLASS = "MilsteinOrderTest";

    private static void runTests(Path dir, String source) throws Exception {
        try (URLClassLoader loader = ReadmeSnippets.compile(dir, CLASS, source)) {
            Class<?> type = loader.loadClass(CLASS);
            Constructor<?> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Object instance = constructor.newInstance();
            int tests = 0;
            for (Method m : type.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Test.class)) {
                    m.setAccessible(true);
                    try {
                        m.invoke(instance);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof Error error) {
                            throw error;
                        }
                        throw e;
                    }
                    tests++;
                }
            }
            assertTrue(tests > 0, "the example has no @Test method");
        }
    }

    @Test
    void theExamplePasses(@TempDir Path dir) throws Exception {
        runTests(dir, ReadmeSnippets.block("assertion"));
    }

    @Test
    void theExampleFailsWithAReportWhenTheClaimIsWrong(@TempDir Path dir) throws Exception {
        String source = ReadmeSnippets.block("assertion");
        String wrong = source.replace("1.0, 0.1)", "1.5, 0.1)");
        assertTrue(!wrong.equals(source), "the example asserts order 1.0 ± 0.1");
        AssertionError e = assertThrows(AssertionError.class, () -> runTests(dir, wrong));
        assertTrue(e.getMessage().contains("is outside 1.500 ± 0.100") && e.getMessage().contains("stderr"),
                e.getMessage());
    }
}
