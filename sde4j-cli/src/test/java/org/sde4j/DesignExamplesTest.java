package org.sde4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/design.md quotes the "add a scheme" and "add an architecture" examples that the test suite compiles and
 * runs ({@code NewSchemeFromCoefficientsTest}, {@code AddAnArchitectureExampleTest}): the code between the
 * page's markers is, line for line and up to indentation, a run of lines of the compiled example file.
 */
class DesignExamplesTest {
    private static final Path ROOT = Path.of(System.getProperty("sde4j.root", ".."));

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "add-a-scheme, sde4j-core/src/test/resources/examples/AddAScheme.java",
        "add-an-architecture, sde4j-nn/src/test/resources/examples/AddAnArchitecture.java"})
    void designPageQuotesTheCompiledExample(String name, String example) throws IOException {
        String page = Files.readString(ROOT.resolve("docs/design.md"), StandardCharsets.UTF_8);
        String begin = "<!-- example:" + name + " begin -->";
        String end = "<!-- example:" + name + " end -->";
        int from = page.indexOf(begin);
        int to = page.indexOf(end);
        assertTrue(from >= 0 && to > from, "docs/design.md has no " + begin + " … " + end);
        List<String> quoted = code(page.substring(from + begin.length(), to));
        assertTrue(quoted.size() >= 3, "the quoted example is empty: " + quoted);
        List<String> source = code(Files.readString(ROOT.resolve(example), StandardCharsets.UTF_8));
        int at = source.indexOf(quoted.get(0));
        assertTrue(at >= 0, example + " has no line " + quoted.get(0));
        assertEquals(quoted, source.subList(at, Math.min(source.size(), at + quoted.size())),
                "docs/design.md's example differs from " + example);
    }

    /** The non-blank lines, trimmed, without Markdown fences. */
    private static List<String> code(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("```"))
                .toList();
    }
}
