package org.sde4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sde4j.nn.data.FashionMnist;

/** {@code sde4j train} end to end on Fashion-MNIST subsets (needs the data set; see FashionMnistTrainingTest). */
class TrainCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonReportsTheRunAndCheckpointsResume() {
        Path ckpt = dir.resolve("mlp.ckpt");
        MainTest.Run r = MainTest.run("train", "--arch", "mlp", "--widths", "64", "--epochs", "2", "--train-limit",
                "4000", "--test-limit", "1000", "--seed", "3", "--checkpoint", ckpt.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.outLines().size(), r.out());
        Map<String, Object> o = JsonReader.object(r.out());
        assertEquals(java.util.Set.of("arch", "params", "epochs", "trainSeconds", "imagesPerSecond", "testAccuracy",
                "seed"), o.keySet());
        assertEquals("mlp", o.get("arch"));
        assertEquals(784.0 * 64 + 64 + 64 * 10 + 10, ((Number) o.get("params")).doubleValue());
        double accuracy = ((Number) o.get("testAccuracy")).doubleValue();
        // measured 0.73; chance 0.10
        assertTrue(accuracy > 0.5, "test accuracy " + accuracy);
        assertTrue(r.err().contains("epoch 2/2"), r.err());
        assertTrue(Files.exists(ckpt));

        // Resuming a finished run trains nothing more and reports the same accuracy.
        MainTest.Run again = MainTest.run("train", "--arch", "mlp", "--widths", "64", "--epochs", "2",
                "--train-limit", "4000", "--test-limit", "1000", "--seed", "3", "--checkpoint", ckpt.toString(),
                "--resume", "--json");
        assertEquals(0, again.code(), again.err());
        assertEquals(accuracy, ((Number) JsonReader.object(again.out()).get("testAccuracy")).doubleValue());
    }

    @Test
    void summaryNamesTheNetworkAndAccuracy() {
        MainTest.Run r = MainTest.run("train", "--arch", "cnn", "--epochs", "1", "--train-limit", "500",
                "--test-limit", "200");
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
        assertTrue(r.err().contains("arch = vgg: must be one of [mlp, cnn, resnet20]"), r.err());
        assertEquals(Main.USAGE_ERROR, MainTest.run("train", "--resume").code());
        assertEquals(Main.USAGE_ERROR, MainTest.run("train", "--epochs", "0").code());
    }

    @Test
    void dataSetIsInstalled() {
        assertTrue(Files.isDirectory(Path.of(FashionMnist.DEFAULT_DIR)), FashionMnist.INSTALL_HINT);
    }
}
