package org.sde4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * The Java blocks of README.md between {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->} markers,
 * compiled with the JDK's compiler against the test class path, so README examples cannot drift from the API.
 */
final class ReadmeSnippets {
    private ReadmeSnippets() {
    }

    /** The Java block between the markers of {@code name}. */
    static String block(String name) throws IOException {
        String readme = Files.readString(Path.of(System.getProperty("sde4j.root", "..")).resolve("README.md"), StandardCharsets.UTF_8);
        Matcher block = Pattern.compile("<!-- " + name + ":begin -->\\s*```java\\n(.*?)```\\s*<!-- " + name + ":end -->",
                Pattern.DOTALL).matcher(readme);
        assertTrue(block.find(), "README.md has no " + name + " block between the markers");
        return block.group(1);
    }

    /**
     * Compiles {@code source} as {@code className}.java in {@code dir}.
     *
     * @return a class loader that sees the compiled class (close it after use)
     */
    static URLClassLoader compile(Path dir, String className, String source) throws IOException {
        Path file = dir.resolve(className + ".java");
        Files.writeString(file, source, StandardCharsets.UTF_8);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = compiler.run(null, diagnostics, diagnostics, "-classpath", System.getProperty("java.class.path"),
                "-d", dir.toString(), file.toString());
        assertEquals(0, status, () -> "the README's " + className + " does not compile:\n" + diagnostics);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, ReadmeSnippets.class.getClassLoader());
    }
}
