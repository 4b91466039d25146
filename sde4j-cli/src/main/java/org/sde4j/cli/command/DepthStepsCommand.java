package org.sde4j.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sde4j.cli.experiment.DepthSteps;
import org.sde4j.cli.output.DocumentFile;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.OutputFailure;
import org.sde4j.nn.Parallel;
import org.sde4j.nn.data.Dataset;
import org.sde4j.nn.data.FashionMnist;
import org.sde4j.notebook.Display;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j depth-steps}: trains {@link DepthSteps} networks at several step counts N with Euler, runs each
 * at other step counts with Euler, Heun and RK4, and writes the convergence of the logits to the network's own
 * ODE limit and the accuracies as a marked section of a Markdown file, with two PNG plots.
 */
@Command(name = "depth-steps", mixinStandardHelpOptions = true,
        description = "Depth as step count: train an ODE network at several N, evaluate at other N and schemes.")
public final class DepthStepsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--train-steps", split = ",", defaultValue = "1,2,4,8,16", paramLabel = "N,N,...",
            description = "Step counts to train at, with Euler (default: ${DEFAULT-VALUE}).")
    int[] trainSteps;

    @Option(names = "--eval-steps", split = ",", defaultValue = "1,2,4,8,16", paramLabel = "N,N,...",
            description = "Step counts to evaluate at, at least 2 of them (default: ${DEFAULT-VALUE}).")
    int[] evalSteps;

    @Option(names = "--width", defaultValue = "8", description = "Channels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--epochs", defaultValue = "2", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--train-limit", defaultValue = "4000", description = "Training images (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "500", description = "Test images (default: ${DEFAULT-VALUE}).")
    int testLimit;

    @Option(names = "--data", paramLabel = "DIR", description = TrainingData.DESCRIPTION)
    String data;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "docs/experiments.md",
            converter = DocumentFile.Converter.class,
            description = "Markdown file whose section depth-steps is (re)written; plots go to img/ beside it"
                    + " (default: ${DEFAULT-VALUE}).")
    DocumentFile output;

    @Override
    public Integer call() throws IOException {
        if (evalSteps.length < 2 || width < 1 || epochs < 1) {
            throw new IllegalArgumentException("--eval-steps needs at least 2 values, --width and --epochs at least 1 "
                    + "(got " + evalSteps.length + ", " + width + ", " + epochs + ")");
        }
        Steps.distinctPositive("--train-steps", trainSteps);
        Steps.distinctPositive("--eval-steps", evalSteps);
        if (trainLimit < 1 || testLimit < 1) {
            throw new IllegalArgumentException("--train-limit = " + trainLimit + ", --test-limit = " + testLimit
                    + ": must be at least 1");
        }
        int deepest = java.util.Arrays.stream(trainSteps).max().orElse(1);
        Memory.require("--width " + width + " --train-steps up to " + deepest,
                Memory.network("resnet", new int[] {width}, deepest, 128), "a smaller --width or fewer --train-steps");
        PrintWriter out = spec.commandLine().getOut();
        FashionMnist.Split split = TrainingData.load(data, spec.commandLine().getErr());
        Dataset train = split.train().limit(trainLimit);
        Dataset test = split.test().limit(testLimit);
        long start = System.nanoTime();
        int threads = Parallel.defaultThreads();
        List<DepthSteps.Result> results;
        try (Parallel parallel = Parallel.of(threads)) {
            results = parallel.call(() -> DepthSteps.studies(width, trainSteps, evalSteps, train, test, epochs, 1));
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        StringBuilder b = new StringBuilder(Format.f("Budget: width %d, T = 1, F shared by all steps, %d training and "
                + "%d test images (%s), %d epochs, seed 1, %d threads; %.0f s. Reference: RK4 with %d steps. Logit error: "
                + "RMS difference to the reference over the RMS of the reference logits.%n%n", width, train.size(),
                test.size(), split.source(), epochs, threads, seconds, DepthSteps.REFERENCE_STEPS));
        b.append("| trained at N (Euler) | final training loss | accuracy at own N | accuracy of the ODE limit |"
                + " fitted order euler | heun | rk4 |\n|---|---|---|---|---|---|---|\n");
        for (DepthSteps.Result r : results) {
            b.append(Format.f("| %d | %.4f | %.3f | %.3f | %.2f | %.2f | %.2f |%n", r.trainSteps(),
                    r.trainLoss()[r.trainLoss().length - 1], r.ownAccuracy(), r.limitAccuracy(), r.slopes()[0],
                    r.slopes()[1], r.slopes()[2]));
        }
        b.append("\nLogit error (relative) against evaluation step count, per trained network and scheme:\n\n| trained at N"
                + " | scheme |");
        for (int n : evalSteps) {
            b.append(" N = ").append(n).append(" |");
        }
        b.append("\n|---|---|").append("---|".repeat(evalSteps.length)).append('\n');
        for (DepthSteps.Result r : results) {
            for (int s = 0; s < DepthSteps.SCHEMES.size(); s++) {
                b.append(Format.f("| %d | %s |", r.trainSteps(), DepthSteps.SCHEME_NAMES.get(s)));
                for (int j = 0; j < evalSteps.length; j++) {
                    b.append(Format.f(" %.2e (acc %.3f) |", r.errors()[s][j], r.accuracies()[s][j]));
                }
                b.append('\n');
            }
        }
        b.append("\n![logit error against h](img/depth-steps-error.png)\n![accuracy against N](img/depth-steps-accuracy.png)\n");
        b.append(Format.f("%nCommand: `bin/sde4j depth-steps --train-steps %s --eval-steps %s --width %d --epochs %d"
                + " --train-limit %d --test-limit %d`%n", join(trainSteps), join(evalSteps), width, epochs, trainLimit,
                testLimit));
        out.print(b);
        out.flush();
        Path img = output.images();
        try {
            output.writePng("depth-steps-error.png", errorChart(results, results.size() / 2));
            output.writePng("depth-steps-accuracy.png", accuracyChart(results));
            output.writeSection("depth-steps", b.toString(), Documents.EXPERIMENTS_TITLE);
        } catch (IOException e) {
            throw new OutputFailure(output + " and " + img, e);
        }
        out.println(Format.f("wrote %s (section depth-steps) and %s", output, img));
        out.flush();
        return 0;
    }

    private static String join(int[] v) {
        return String.join(",", Arrays.stream(v).mapToObj(Integer::toString).toList());
    }

    /** Log-log logit error against h = 1/N for each scheme, for the network {@code results.get(which)}. */
    public static XYChart errorChart(List<DepthSteps.Result> results, int which) {
        DepthSteps.Result r = results.get(which);
        XYChart chart = Display.xyChart("Trained at N = " + r.trainSteps() + " (Euler): logits vs the ODE limit",
                "evaluation step h = T/N", "relative logit error");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setDecimalPattern("0.0E0");
        double[] h = Arrays.stream(r.evalSteps()).mapToDouble(n -> 1.0 / n).toArray();
        for (int s = 0; s < DepthSteps.SCHEMES.size(); s++) {
            chart.addSeries(Format.f("%s (fitted order %.2f)", DepthSteps.SCHEME_NAMES.get(s), r.slopes()[s]), h,
                    r.errors()[s]).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    /** Test accuracy against N: each network at its own N, and its ODE limit. */
    public static XYChart accuracyChart(List<DepthSteps.Result> results) {
        XYChart chart = Display.xyChart("Accuracy against depth N (T = 1 fixed, h = 1/N)", "N (steps = blocks)",
                "test accuracy");
        chart.getStyler().setXAxisLogarithmic(true);
        double[] n = results.stream().mapToDouble(DepthSteps.Result::trainSteps).toArray();
        chart.addSeries("trained and run with Euler at N", n,
                results.stream().mapToDouble(DepthSteps.Result::ownAccuracy).toArray()).setMarker(SeriesMarkers.CIRCLE);
        chart.addSeries("same network, ODE limit (RK4, 64 steps)", n,
                results.stream().mapToDouble(DepthSteps.Result::limitAccuracy).toArray()).setMarker(SeriesMarkers.SQUARE);
        return chart;
    }
}
