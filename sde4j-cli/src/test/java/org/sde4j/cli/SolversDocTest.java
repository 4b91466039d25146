package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/solvers.md is what {@code bin/sde4j list --markdown} prints: regenerate it when a scheme changes. */
class SolversDocTest {
    @Test
    void committedSolversTableIsCurrent() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "list", "--markdown");
        assertEquals(0, code);
        String committed = Files.readString(Path.of(System.getProperty("sde4j.root", "..")).resolve("docs/solvers.md"), StandardCharsets.UTF_8);
        assertEquals(out.toString(StandardCharsets.UTF_8), committed,
                "docs/solvers.md is stale: regenerate it with bin/sde4j list --markdown > docs/solvers.md");
    }
}
