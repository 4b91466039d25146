package org.sde4j.cli.command;

import java.io.PrintWriter;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.ProgressBar;
import org.sde4j.nn.train.TrainListener;

/** One progress bar per epoch, closed with the test accuracy. */
final class TrainingProgress implements TrainListener {
    private final PrintWriter err;
    private final int epochs;
    private ProgressBar bar;

    TrainingProgress(PrintWriter err, int epochs) {
        this.err = err;
        this.epochs = epochs;
    }

    @Override
    public void batch(int epoch, int batch, int batches, double loss, double accuracy, double imagesPerSecond) {
        if (bar == null) {
            bar = ProgressBar.onTerminal("epoch " + epoch + "/" + epochs, batches, err);
        }
        bar.status(Format.f("loss %.4f acc %.4f %.0f img/s", loss, accuracy, imagesPerSecond));
        bar.stepTo(batch);
    }

    @Override
    public void epoch(EpochReport r) {
        if (bar != null) {
            bar.status(Format.f("loss %.4f acc %.4f %.0f img/s test %.4f", r.trainLoss(),
                    r.trainAccuracy(), r.imagesPerSecond(), r.testAccuracy()));
            bar.close();
            bar = null;
        }
    }
}
