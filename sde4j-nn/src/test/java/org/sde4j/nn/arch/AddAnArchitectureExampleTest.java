package org.sde4j.nn.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.Sequential;

/**
 * The "How to add an architecture" example of docs/design.md ({@code src/test/resources/examples/AddAnArchitecture.java})
 * compiles as a user would compile it, and its value builds a network whose forward pass is the midpoint rule
 * over the same branches a ResNet of the same seed has (same initialisation streams, different step). The
 * registry itself is read by the other tests ({@link ArchitecturesTest} runs every {@link Architectures#ALL}).
 */
class AddAnArchitectureExampleTest {
    @TempDir
    Path dir;

    @Test
    void theExampleCompilesAndBuildsANetwork() throws Exception {
        Path source = dir.resolve("AddAnArchitecture.java");
        try (InputStream in = getClass().getResourceAsStream("/examples/AddAnArchitecture.java")) {
            Files.write(source, in.readAllBytes());
        }
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int code = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "-encoding", "UTF-8", "-classpath",
                System.getProperty("java.class.path"), "-d", dir.toString(), source.toString());
        assertEquals(0, code, errors.toString(StandardCharsets.UTF_8));
        Architecture midpoint;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            midpoint = (Architecture) loader.loadClass("AddAnArchitecture").getField("MIDPOINT_NET").get(null);
        }
        assertTrue(midpoint.deterministic());
        int[] widths = {2, 4};
        Sequential net = Architectures.build(midpoint, widths, 2, 3, 7, Architectures.Options.defaults().withSmooth(true));
        Sequential resnet = Architectures.build(Architectures.RESNET, widths, 2, 3, 7,
                Architectures.Options.defaults().withSmooth(true));
        assertEquals(resnet.params().size(), net.params().size(), "the same branches");
        Tensor x = Tensor.zeros(1, 2, 8, 8);
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < x.data().length; i++) {
            x.data()[i] = (float) (2 * r.nextDouble() - 1);
        }
        float[] y = net.forward(x, false).data().clone();
        float[] z = resnet.forward(x, false).data().clone();
        assertEquals(2 * 3, y.length);
        for (float v : y) {
            assertTrue(Float.isFinite(v));
        }
        assertNotEquals(java.util.Arrays.toString(z), java.util.Arrays.toString(y), "a different step");
    }
}
