package org.sde4j.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.sde4j.cli.experiment.NonLipschitz;
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
 * {@code sde4j non-lipschitz}: trains the {@link NonLipschitz} variants for several seeds and writes accuracy,
 * training stability, input sensitivity against δ and FGSM accuracy as a marked section of a Markdown file, with a
 * PNG of sensitivity against δ.
 */
@Command(name = "non-lipschitz", mixinStandardHelpOptions = true,
        description = "Residual networks with non-Lipschitz branches sign(x)|x|^α against Lipschitz controls.")
public final class NonLipschitzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seeds", defaultValue = "3", description = "Seeds 1..N (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--blocks", defaultValue = "4", description = "Euler steps N, h = 1/N (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--width", defaultValue = "8", description = "Channels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--epochs", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--train-limit", defaultValue = "6000", description = "Training images (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--test-limit", defaultValue = "1000", description = "Test images (default: ${DEFAULT-VALUE}).")
    int testLimit;

    @Option(names = "--epsilon", defaultValue = "0.1",
            description = "FGSM step, in units of the normalised input (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--data", paramLabel = "DIR", description = TrainingData.DESCRIPTION)
    String data;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "docs/experiments.md",
            converter = DocumentFile.Converter.class,
            description = "Markdown file whose section non-lipschitz is (re)written; the plot goes to img/ beside it"
                    + " (default: ${DEFAULT-VALUE}).")
    DocumentFile output;

    @Override
    public Integer call() throws IOException {
        if (seeds < 1 || blocks < 1 || width < 1 || epochs < 1 || !(epsilon >= 0)) {
            throw new IllegalArgumentException("--seeds, --blocks, --width, --epochs must be at least 1 and --epsilon"
                    + " non-negative (got " + seeds + ", " + blocks + ", " + width + ", " + epochs + ", " + epsilon + ")");
        }
        if (trainLimit < 1 || testLimit < 1) {
            throw new IllegalArgumentException("--train-limit = " + trainLimit + ", --test-limit = " + testLimit
                    + ": must be at least 1");
        }
        Memory.require("--width " + width + " --blocks " + blocks, Memory.network("resnet", new int[] {width}, blocks,
                200), "a smaller --width or fewer --blocks");
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FashionMnist.Split split = TrainingData.load(data, err);
        Dataset train = split.train().limit(trainLimit);
        Dataset test = split.test().limit(testLimit);
        long start = System.nanoTime();
        List<List<NonLipschitz.Result>> all = new ArrayList<>();
        int threads = Parallel.defaultThreads();
        try (Parallel parallel = Parallel.of(threads)) {
            parallel.execute(() -> {
                for (String v : NonLipschitz.VARIANTS) {
                    List<NonLipschitz.Result> rs = new ArrayList<>();
                    for (int s = 1; s <= seeds; s++) {
                        NonLipschitz.Result r = NonLipschitz.run(v, width, blocks, train, test, epochs, epsilon, 200, s);
                        Format.printf(err, "%s seed %d: accuracy %.4f, FGSM %.4f, loss %s%n", v, s, r.accuracy(),
                                r.fgsm(), Arrays.toString(r.loss()));
                        err.flush();
                        rs.add(r);
                    }
                    all.add(rs);
                }
            });
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        StringBuilder b = new StringBuilder(Format.f("Budget: width %d, N = %d Euler steps (h = 1/N), %d training and "
                + "%d test images (%s), %d epochs, seeds 1..%d, %d threads; %.0f s. FGSM ε = %s (normalised input units);"
                + " sensitivity on the first 200 test images. Mean ± sd over seeds.%n%n", width, blocks, train.size(),
                test.size(), split.source(), epochs, seeds, threads, seconds, Format.compact(epsilon)));
        b.append("| variant | test accuracy | FGSM accuracy | training loss per epoch (mean) | largest gradient norm |"
                + " mean gradient norm (last epoch) |");
        for (double d : NonLipschitz.DELTAS) {
            b.append(" sensitivity δ = ").append(Format.compact(d)).append(" |");
        }
        b.append("\n|---|---|---|---|---|---|").append("---|".repeat(NonLipschitz.DELTAS.length)).append('\n');
        for (List<NonLipschitz.Result> rs : all) {
            b.append(Format.f("| `%s` | %s | %s | %s | %s | %s |", rs.get(0).variant(),
                    meanSd(rs, NonLipschitz.Result::accuracy), meanSd(rs, NonLipschitz.Result::fgsm), lossCurve(rs),
                    meanSd(rs, r -> Arrays.stream(r.maxGradNorm()).max().orElse(Double.NaN)),
                    meanSd(rs, r -> r.meanGradNorm()[r.meanGradNorm().length - 1])));
            for (int d = 0; d < NonLipschitz.DELTAS.length; d++) {
                int k = d;
                b.append(' ').append(meanSd(rs, r -> r.sensitivity()[k])).append(" |");
            }
            b.append('\n');
        }
        b.append("\n![sensitivity against δ](img/non-lipschitz-sensitivity.png)\n");
        b.append(Format.f("%nCommand: `bin/sde4j non-lipschitz --seeds %d --blocks %d --width %d --epochs %d --train-limit"
                + " %d --test-limit %d --epsilon %s`%n", seeds, blocks, width, epochs, trainLimit, testLimit,
                Format.compact(epsilon)));
        out.print(b);
        out.flush();
        Path img;
        try {
            img = output.writePng("non-lipschitz-sensitivity.png", sensitivityChart(all));
            output.writeSection("non-lipschitz", b.toString(), Documents.EXPERIMENTS_TITLE);
        } catch (IOException e) {
            throw new OutputFailure(output + " and " + output.images(), e);
        }
        out.println(Format.f("wrote %s (section non-lipschitz) and %s", output, img));
        out.flush();
        return 0;
    }

    private static String meanSd(List<NonLipschitz.Result> rs, ToDoubleFunction<NonLipschitz.Result> f) {
        double[] v = rs.stream().mapToDouble(f).toArray();
        return Format.meanSd(v, "%.4g");
    }

    private static String lossCurve(List<NonLipschitz.Result> rs) {
        int epochs = rs.get(0).loss().length;
        List<String> parts = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            int k = e;
            parts.add(Format.f("%.3f", rs.stream().mapToDouble(r -> r.loss()[k]).average().orElse(Double.NaN)));
        }
        return String.join(", ", parts);
    }

    /** Mean sensitivity over seeds against δ, one curve per variant (log-log). */
    public static XYChart sensitivityChart(List<List<NonLipschitz.Result>> all) {
        XYChart chart = Display.xyChart("Input sensitivity of the logits as δ → 0", "δ", "mean |f(x + δu) − f(x)| / δ");
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setDecimalPattern("0.0E0");
        for (List<NonLipschitz.Result> rs : all) {
            double[] y = new double[NonLipschitz.DELTAS.length];
            for (int d = 0; d < y.length; d++) {
                int k = d;
                y[d] = rs.stream().mapToDouble(r -> r.sensitivity()[k]).average().orElse(Double.NaN);
            }
            chart.addSeries(rs.get(0).variant(), NonLipschitz.DELTAS, y).setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }
}
