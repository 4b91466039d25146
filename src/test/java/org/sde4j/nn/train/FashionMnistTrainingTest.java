package org.sde4j.nn.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.sde4j.nn.data.Dataset;
import org.sde4j.nn.data.FashionMnist;

/**
 * Training on real data, on a budget of seconds: a one-block-per-stage ResNet (widths 8/16/32) on the first
 * 5 000 Fashion-MNIST training images for 3 epochs, evaluated on the first 2 000 test images. Measured:
 * test accuracy 0.695 (seed 1) and 0.731 (seed 2), about 15 s on 2 cores; chance is 0.10. The threshold 0.55
 * leaves room for other CPUs, whose vector length changes float rounding. Seeded, so deterministic on a given
 * machine whatever the thread count.
 *
 * <p>Needs the data set: it fails, with the install hint, when {@value FashionMnist#DEFAULT_DIR} is missing
 * ({@code .ci/run} installs it).
 */
class FashionMnistTrainingTest {
    @Test
    void smallResNetLearnsFashionMnistWellAboveChance() {
        Path dir = Path.of(FashionMnist.DEFAULT_DIR);
        assertTrue(Files.isDirectory(dir), "Fashion-MNIST is missing from " + dir + ": " + FashionMnist.INSTALL_HINT);
        FashionMnist.Split split = FashionMnist.load(dir);
        Dataset train = split.train().limit(5000);
        Dataset test = split.test().limit(2000);
        TrainConfig config = TrainConfig.recipe("resnet20", new int[] {8, 16, 32}, 1, 3, 1);
        TrainResult r = new Trainer(config, 28, 10).run(train, test, new TrainListener() { });
        assertTrue(r.testAccuracy() >= 0.55, "test accuracy " + r.testAccuracy() + " after 3 epochs on 5000 images");
        assertTrue(r.history().get(2).trainLoss() < r.history().get(0).trainLoss(), "the training loss falls");
    }
}
