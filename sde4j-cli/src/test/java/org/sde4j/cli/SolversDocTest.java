package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/solvers.md is what {@code bin/sde4j list --markdown} prints, generated from the schemes' declarations: a
 * scheme added or changed fails this test until the page is regenerated, by either command of the failure message.
 * With {@code -Dsde4j.record=solvers} the test writes the page instead of checking it.
 */
class SolversDocTest {
    static final String REGENERATE = "mvn -B -o -pl sde4j-cli -am test -Dtest=SolversDocTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dsde4j.record=solvers";

    @Test
    void committedSolversTableIsCurrent() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "list", "--markdown");
        assertEquals(0, code);
        String generated = out.toString(StandardCharsets.UTF_8);
        Path page = Path.of(System.getProperty("sde4j.root", "..")).resolve("docs/solvers.md");
        if (System.getProperty("sde4j.record", "").equals("solvers")) {
            Files.writeString(page, generated, StandardCharsets.UTF_8);
            return;
        }
        assertEquals(generated, Files.readString(page, StandardCharsets.UTF_8), "docs/solvers.md is stale: regenerate"
                + " it with " + REGENERATE + " (or bin/sde4j list --markdown > docs/solvers.md)");
    }
}
