package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sde4j train} end to end on the Fashion-MNIST subset bundled in the jar ({@code --data subset}), so the
 * same on every machine, whether or not the full set is installed.
 */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonReportsTheRunAndCheckpointsResume() {
        Path ckpt = dir.resolve("mlp.ckpt");
        MainTest.Run r = MainTest.run("train", "--arch", "mlp", "--widths", "64", "--epochs", "2", "--data", "subset",
                "--seed", "3", "--checkpoint", ckpt.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.outLines().size(), r.out());
        Map<String, Object> o = JsonReader.object(r.out());
        assertEquals(java.util.Set.of("arch", "params", "epochs", "trainSeconds", "imagesPerSecond", "testAccuracy",
                "seed"), o.keySet());
        assertEquals("mlp", o.get("arch"));
        assertEquals(784.0 * 64 + 64 + 64 * 10 + 10, ((Number) o.get("params")).doubleValue());
        double accuracy = ((Number) o.get("testAccuracy")).doubleValue();
        // measured 0.721 on the bundled subset; chance 0.10
        assertTrue(accuracy > 0.5, "test accuracy " + accuracy);
        assertTrue(r.err().contains("epoch 2/2"), r.err());
        assertTrue(Files.exists(ckpt));

        // Resuming a finished run trains nothing more and reports the same accuracy.
        MainTest.Run again = MainTest.run("train", "--arch", "mlp", "--widths", "64", "--epochs", "2",
                "--data", "subset", "--seed", "3", "--checkpoint", ckpt.toString(),
                "--resume", "--json");
        assertEquals(0, again.code(), again.err());
        assertEquals(accuracy, ((Number) JsonReader.object(again.out()).get("testAccuracy")).doubleValue());
    }

    @Test
    void summaryNamesTheNetworkAndAccuracy() {
        MainTest.Run r = MainTest.run("train", "--arch", "cnn", "--epochs", "1", "--data", "subset",
                "--train-limit", "500", "--test-limit", "200");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("cnn widths [16, 32]"), r.out());
        assertTrue(r.out().contains("test accuracy"), r.out());
    }

    @Test
    void missingDataIsARunFailureWithTheInstallHint() {
        MainTest.Run r = MainTest.run("train", "--data", dir.resolve("none").toString(), "--epochs", "1");
        assertEquals(Main.RUN_FAILED, r.code());
        assertTrue(r.err().contains("apt-get install dataset-fashion-mnist"), r.err());
    }

    @Test
    void badValuesAreUsageErrors() {
        MainTest.Run r = MainTest.run("train", "--arch", "vgg");
        assertEquals(Main.USAGE_ERROR, r.code());
        assertTrue(r.err().contains("arch = vgg: must be one of [mlp, cnn, resnet20, resnet, polynet"), r.err());
        assertEquals(Main.USAGE_ERROR, MainTest.run("train", "--resume").code());
        assertEquals(Main.USAGE_ERROR, MainTest.run("train", "--epochs", "0").code());
        // One optimiser step is too few for the one-cycle schedule: the message says what to change.
        MainTest.Run tiny = MainTest.run("train", "--arch", "mlp", "--epochs", "1", "--data", "subset",
                "--train-limit", "64");
        assertEquals(Main.USAGE_ERROR, tiny.code());
        assertTrue(tiny.err().contains("64 training images in batches of 128 for 1 epoch make 1 optimiser step;"
                + " the one-cycle schedule needs at least 2"), tiny.err());
    }

    /** A stochastic architecture trains from the same options as resnet20 and also evaluates by Monte Carlo inference. */
    @Test
    void stochasticArchitectureTrainsWithMonteCarloInference() {
        MainTest.Run r = MainTest.run("train", "--arch", "stochastic-depth", "--widths", "4,8", "--blocks", "2",
                "--epochs", "6", "--data", "subset", "--test-limit", "500", "--seed", "2", "--mc-passes", "3",
                "--json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> o = JsonReader.object(r.out());
        assertEquals("stochastic-depth", o.get("arch"));
        assertEquals(3.0, ((Number) o.get("mcPasses")).doubleValue());
        double accuracy = ((Number) o.get("testAccuracy")).doubleValue();
        double mc = ((Number) o.get("mcAccuracy")).doubleValue();
        // measured 0.414 and 0.354 (a tiny network, 6 epochs of 16 steps on the subset); chance is 0.10
        assertTrue(accuracy > 0.25, "mean-field test accuracy " + accuracy);
        assertTrue(mc > 0.25, "Monte Carlo test accuracy " + mc);
    }

    @Test
    void experimentWritesItsSectionAndPlot() throws Exception {
        Path doc = dir.resolve("docs").resolve("architectures.md");
        Files.createDirectories(doc.getParent());
        Files.writeString(doc, "# Title\n\nhand-written text\n");
        MainTest.Run r = MainTest.run("experiment", "--archs", "resnet,revnet", "--widths", "2,4", "--blocks", "1",
                "--epochs", "1", "--seeds", "2", "--data", "subset", "--train-limit", "256", "--test-limit", "128", "--output",
                doc.toString(), "--name", "tiny");
        assertEquals(0, r.code(), r.err());
        String text = Files.readString(doc);
        assertTrue(text.startsWith("# Title\n\nhand-written text\n"), text);
        assertTrue(text.contains("<!-- experiment:tiny begin -->") && text.contains("<!-- experiment:tiny end -->"), text);
        assertTrue(text.contains("| `resnet` |") && text.contains("| `revnet` |"), text);
        assertTrue(Files.size(doc.getParent().resolve("img").resolve("architectures-tiny.png")) > 1000);
        assertTrue(Files.size(doc.getParent().resolve("img").resolve("architectures-tiny-accuracy.png")) > 1000);
        // A second run replaces the section rather than appending another.
        assertEquals(0, MainTest.run("experiment", "--archs", "resnet", "--widths", "2", "--blocks", "1", "--epochs",
                "1", "--seeds", "1", "--data", "subset", "--train-limit", "256", "--test-limit", "64", "--output", doc.toString(),
                "--name", "tiny").code());
        String again = Files.readString(doc);
        assertEquals(1, again.split("experiment:tiny begin", -1).length - 1, again);
        assertTrue(!again.contains("| `revnet` |"), again);
        assertEquals(Main.USAGE_ERROR, MainTest.run("experiment", "--archs", "vgg").code());
    }
}
