package org.sde4j.cli.command;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.sde4j.cli.output.Format;
import org.sde4j.nn.data.FashionMnist;

/**
 * The {@code --data} option of {@code train} and {@code experiment}: a directory of the four Fashion-MNIST
 * files, the word {@value #SUBSET} for the subset bundled in the jar, or nothing for
 * {@link FashionMnist#loadDefault()} ({@code $FASHION_MNIST_DIR}, the Debian location, else the subset).
 */
final class TrainingData {
    /** The value of {@code --data} that names the bundled subset. */
    static final String SUBSET = "subset";
    /** The option's description, shared by the commands. */
    static final String DESCRIPTION = "Directory of the four Fashion-MNIST files, or '" + SUBSET + "' for the "
            + FashionMnist.SUBSET_TRAIN + " + " + FashionMnist.SUBSET_TEST + " images bundled in the jar (default: $"
            + FashionMnist.DIR_VARIABLE + ", else " + FashionMnist.DEFAULT_DIR + ", else the bundled subset).";

    private TrainingData() {
    }

    /** @throws IllegalArgumentException when {@code --train-limit} or {@code --test-limit} is given and below 1 */
    static void checkLimits(Integer trainLimit, Integer testLimit) {
        if (trainLimit != null && trainLimit < 1) {
            throw new IllegalArgumentException("--train-limit = " + trainLimit + ": must be at least 1");
        }
        if (testLimit != null && testLimit < 1) {
            throw new IllegalArgumentException("--test-limit = " + testLimit + ": must be at least 1");
        }
    }

    /** Loads what {@code data} names; says on {@code err} when the data is not the full set, and why. */
    static FashionMnist.Split load(String data, PrintWriter err) {
        FashionMnist.Split split;
        if (data == null) {
            split = FashionMnist.loadDefault();
        } else if (data.equals(SUBSET)) {
            split = FashionMnist.loadBundledSubset();
        } else {
            split = FashionMnist.load(Path.of(data));
        }
        if (!split.full()) {
            err.println(Format.f("data: %s, %d training and %d test images; the full set: %s", split.source(),
                    split.train().size(), split.test().size(), FashionMnist.INSTALL_HINT));
            err.flush();
        }
        return split;
    }
}
