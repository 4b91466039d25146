package org.sde4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sde4j-core works alone: a small program that defines an SDE, solves it and runs a convergence study compiles
 * against the core jar and its runtime class path only (Commons RNG and EJML, as Maven resolves them), and runs
 * in a fresh JVM on exactly those jars. Runs by failsafe after {@code package}, which writes the class path
 * ({@code target/runtime-classpath.txt}) and the jar.
 */
class CoreAloneIT {
    private static final String PROGRAM = """
            import org.sde4j.ensemble.Ensemble;
            import org.sde4j.ensemble.EnsembleResult;
            import org.sde4j.error.ConvergenceResult;
            import org.sde4j.error.StrongError;
            import org.sde4j.sde.PathwiseSolution;
            import org.sde4j.sde.Sde;
            import org.sde4j.sde.SdeProblem;
            import org.sde4j.solver.scheme.Schemes;

            public class CoreAlone {
                public static void main(String[] args) {
                    // Geometric Brownian motion dX = 0.5 X dt + 0.3 X dW, X(0) = 1 on [0, 1].
                    Sde gbm = Sde.scalar((t, x) -> 0.5 * x, (t, x) -> 0.3 * x).withDiffusionDerivative((t, x) -> 0.3);
                    SdeProblem problem = SdeProblem.of(gbm, 1.0, 0.0, 1.0);
                    EnsembleResult result = Ensemble.of(problem, Schemes.byName("milstein"))
                            .steps(64).paths(20_000).seed(7).run();
                    System.out.printf("mean %.6f se %.6f exact %.6f%n", result.mean()[0], result.standardError()[0],
                            Math.exp(0.5));
                    PathwiseSolution exact = (t, w, out) -> out[0] = Math.exp((0.5 - 0.5 * 0.09) * t + 0.3 * w[0]);
                    ConvergenceResult study = StrongError.of(problem, Schemes.byName("euler-maruyama"))
                            .exact(exact).halvings(8, 5).paths(2_000).seed(3).run();
                    System.out.printf("order %.4f low %.4f high %.4f%n", study.order().order(), study.order().low(),
                            study.order().high());
                    System.out.println("classes from: " + System.getProperty("java.class.path"));
                }
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aProgramCompilesAndRunsOnTheCoreRuntimeClassPathAlone() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("sde4j.coreJar"));
        Path listing = Path.of(System.getProperty("sde4j.coreClasspath"));
        assertTrue(Files.isRegularFile(jar), "no core jar at " + jar);
        List<String> dependencies = Arrays.stream(Files.readString(listing).strip().split(File.pathSeparator))
                .filter(s -> !s.isBlank()).toList();
        // Only Commons RNG and EJML on the runtime class path.
        for (String d : dependencies) {
            String name = Path.of(d).getFileName().toString();
            assertTrue(name.startsWith("commons-rng-") || name.startsWith("ejml-"), "unexpected runtime dependency " + d);
        }
        assertTrue(dependencies.stream().anyMatch(d -> d.contains("commons-rng-core")), dependencies.toString());
        assertTrue(dependencies.stream().anyMatch(d -> d.contains("ejml-ddense")), dependencies.toString());
        String classPath = jar + File.pathSeparator + String.join(File.pathSeparator, dependencies);

        Path source = dir.resolve("CoreAlone.java");
        Files.writeString(source, PROGRAM, StandardCharsets.UTF_8);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "--release", "17", "-classpath", classPath, "-d", dir.toString(),
                source.toString());
        assertEquals(0, compiled, "the program does not compile against the core jar alone");

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", dir + File.pathSeparator + classPath, "CoreAlone"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the program did not finish in 2 minutes");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        String[] lines = out.split("\n");
        double mean = Double.parseDouble(lines[0].split(" ")[1]);
        double se = Double.parseDouble(lines[0].split(" ")[3]);
        assertEquals(Math.exp(0.5), mean, 5 * se + 0.01, out);   // Milstein's weak bias at 64 steps is below 0.01
        double order = Double.parseDouble(lines[1].split(" ")[1]);
        assertEquals(0.5, order, 0.15, out);                     // Euler–Maruyama's strong order on GBM
        assertTrue(lines[2].contains(jar.getFileName().toString()), out);
    }
}
