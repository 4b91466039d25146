package org.sde4j.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sde4j.cli.experiment.ExperimentRun;
import org.sde4j.cli.experiment.Welch;
import org.sde4j.cli.output.DocumentFile;
import org.sde4j.cli.output.ExperimentPlots;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.cli.output.OutputDirectory;
import org.sde4j.cli.output.OutputFailure;
import org.sde4j.nn.Parallel;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.arch.Architectures;
import org.sde4j.nn.data.Batches;
import org.sde4j.nn.data.Dataset;
import org.sde4j.nn.data.FashionMnist;
import org.sde4j.nn.layers.SoftmaxCrossEntropy;
import org.sde4j.nn.train.Models;
import org.sde4j.nn.train.TrainConfig;
import org.sde4j.nn.train.TrainListener;
import org.sde4j.nn.train.TrainResult;
import org.sde4j.nn.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j experiment}: trains several architectures under one budget (widths, blocks, epochs, data,
 * recipe) for several seeds, and writes the measured table — parameters, test accuracy (mean ± sd over seeds,
 * mean-field inference), Monte Carlo inference accuracy for the stochastic ones, training images per second,
 * memory held between steps, wall time — into a marked section of a Markdown file, with a plot of test
 * accuracy per epoch.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Train residual architectures under one budget and write docs/architectures.md's table.")
public final class ExperimentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--archs", paramLabel = "A,B,...", split = ",", description = "Architectures (default: all of "
            + "resnet, polynet, fractalnet, revnet, lm-resnet, stochastic-depth, lm-stochastic-depth, shake-shake, "
            + "neural-sde, sde-depth).")
    List<String> archs;

    @Option(names = "--widths", paramLabel = "W,W,...", split = ",", defaultValue = "8,16,32",
            description = "Channels per stage (default: ${DEFAULT-VALUE}).")
    int[] widths;

    @Option(names = "--blocks", paramLabel = "B", defaultValue = "3", description = "Blocks per stage (default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "3", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3", description = "Seeds 1..N per architecture (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only.")
    Integer trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test images only.")
    Integer testLimit;

    @Option(names = "--mc-passes", paramLabel = "K", defaultValue = "8",
            description = "Monte Carlo inference passes for stochastic architectures, 0 for none (default: ${DEFAULT-VALUE}).")
    int mcPasses;

    @Option(names = "--data", paramLabel = "DIR", description = TrainingData.DESCRIPTION)
    String data;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--output", paramLabel = "FILE", defaultValue = "docs/architectures.md",
            converter = DocumentFile.Converter.class,
            description = "Markdown file whose section is (re)written; plots go to img/ beside it (default:"
                    + " ${DEFAULT-VALUE}).")
    DocumentFile output;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "main",
            description = "Section name: the table goes between <!-- experiment:NAME begin/end --> (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--json", description = "Also print one JSON object per run.")
    boolean json;

    @Option(names = "--runs", paramLabel = "DIR", converter = OutputDirectory.Converter.class,
            description = "Save each (architecture, seed) run in DIR as it ends, and skip the runs already saved"
                    + " there: a long experiment can be stopped and resumed.")
    OutputDirectory runs;

    /** What one architecture measured over the seeds. */
    private record Row(String arch, long params, double[] accuracy, double[] trainAccuracy, double[] mc,
            double[] mcSpread, double imagesPerSecond, double heldMiB, double wallSeconds, double[][] curves) {
    }

    @Override
    public Integer call() throws IOException {
        List<String> names = archs == null ? Architectures.NAMES : archs;
        for (String a : names) {
            if (!Models.NAMES.contains(a)) {
                throw new IllegalArgumentException("--archs: " + a + " is not one of " + Models.NAMES);
            }
        }
        Steps.distinct("--archs", names);
        for (int w : widths) {
            if (w < 1) {
                throw new IllegalArgumentException("--widths: " + w + " must be at least 1");
            }
        }
        if (blocks < 1 || epochs < 1) {
            throw new IllegalArgumentException("--blocks = " + blocks + ", --epochs = " + epochs + ": must be at least 1");
        }
        if (mcPasses < 0) {
            throw new IllegalArgumentException("--mc-passes = " + mcPasses + ": must be at least 0");
        }
        int threadCount = threads.orElse(Parallel.defaultThreads());
        for (String a : names) {
            Memory.require("--archs " + a + " " + Memory.networkOptions(widths, blocks, true),
                    Memory.network(a, widths, blocks, 128), "smaller --widths or fewer --blocks");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("--seeds = " + seeds + ": must be at least 1");
        }
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("--name = " + name + ": must be lower-case letters, digits and hyphens");
        }
        FashionMnist.Split split = TrainingData.load(data, spec.commandLine().getErr());
        Dataset train = trainLimit == null ? split.train() : split.train().limit(trainLimit);
        Dataset test = testLimit == null ? split.test() : split.test().limit(testLimit);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Row> rows = runAll(names, train, test, out, err);
        double minutes = rows.stream().mapToDouble(r -> r.wallSeconds() * seeds).sum() / 60;
        String table = render(rows, train.size(), test.size(), minutes, threadCount);
        out.println(table);
        out.flush();
        Path img = output.images();
        Path curves = img.resolve("architectures-" + name + ".png");
        Path bars = img.resolve("architectures-" + name + "-accuracy.png");
        List<String> archNames = rows.stream().map(Row::arch).toList();
        try {
            ExperimentPlots.curves(archNames, rows.stream().map(Row::curves).toList(), curves);
            ExperimentPlots.accuracies(archNames, rows.stream().map(Row::accuracy).toList(),
                    rows.stream().map(Row::mc).toList(), bars);
            output.writeSection(name, table + "\n![test accuracy per epoch](img/" + curves.getFileName() + ")\n"
                    + "![test accuracy per architecture, mean ± sd over seeds](img/" + bars.getFileName() + ")\n",
                    Documents.ARCHITECTURES_TITLE);
        } catch (IOException e) {
            throw new OutputFailure(output + " and " + img, e);
        }
        out.println(Format.f("wrote %s (section %s), %s and %s", output, name, curves, bars));
        out.flush();
        return 0;
    }

    /**
     * Runs (or reads back from {@code --runs}) every (architecture, seed) pair, seed by seed, so that an experiment
     * stopped part-way has compared every architecture on the same seeds.
     */
    private List<Row> runAll(List<String> names, Dataset train, Dataset test, PrintWriter out, PrintWriter err)
            throws IOException {
        String budget = ExperimentRun.budget(widths, blocks, epochs, train.size(), test.size(), mcPasses);
        Map<String, List<ExperimentRun>> done = new LinkedHashMap<>();
        for (int s = 1; s <= seeds; s++) {
            for (String arch : names) {
                done.computeIfAbsent(arch, a -> new ArrayList<>()).add(runOrLoad(arch, s, budget, train, test, out, err));
            }
        }
        return done.values().stream().map(ExperimentCommand::row).toList();
    }

    private ExperimentRun runOrLoad(String arch, int seed, String budget, Dataset train, Dataset test, PrintWriter out,
            PrintWriter err) throws IOException {
        if (runs != null) {
            var saved = ExperimentRun.load(runs.path(), arch, seed, budget);
            if (saved.isPresent()) {
                err.println(Format.f("%s seed %d: saved in %s", arch, seed, ExperimentRun.file(runs.path(), arch, seed)));
                err.flush();
                return saved.get();
            }
        }
        ExperimentRun run = train(arch, seed, budget, train, test, err);
        if (runs != null) {
            run.save(runs.path());
        }
        if (json) {
            out.println(Json.object().put("arch", arch).put("seed", seed).put("params", run.params())
                    .put("epochs", epochs).put("testAccuracy", run.testAccuracy())
                    .put("trainAccuracy", run.trainAccuracy()).put("mcAccuracy", run.mcAccuracy())
                    .put("imagesPerSecond", run.imagesPerSecond()).put("wallSeconds", run.wallSeconds()).build());
            out.flush();
        }
        return run;
    }

    private static Row row(List<ExperimentRun> done) {
        return new Row(done.get(0).arch(), done.get(0).params(),
                done.stream().mapToDouble(ExperimentRun::testAccuracy).toArray(),
                done.stream().mapToDouble(ExperimentRun::trainAccuracy).toArray(),
                done.stream().mapToDouble(ExperimentRun::mcAccuracy).toArray(),
                done.stream().mapToDouble(ExperimentRun::mcPassSd).toArray(),
                done.stream().mapToDouble(ExperimentRun::imagesPerSecond).average().orElseThrow(),
                done.stream().mapToDouble(ExperimentRun::heldMiB).max().orElseThrow(),
                done.stream().mapToDouble(ExperimentRun::wallSeconds).average().orElseThrow(),
                done.stream().map(ExperimentRun::curve).toArray(double[][]::new));
    }

    /** Trains {@code arch} with {@code seed} under this budget and measures it. */
    private ExperimentRun train(String arch, int seed, String budget, Dataset train, Dataset test, PrintWriter err) {
        long start = System.nanoTime();
        TrainConfig config = TrainConfig.recipe(arch, widths, blocks, epochs, seed);
        Trainer trainer = new Trainer(config, train.rows(), train.classes()).threads(threads());
        long params = Models.parameterCount(trainer.network());
        err.println(Format.f("%s seed %d: %d parameters", arch, seed, params));
        err.flush();
        TrainResult r = trainer.run(train, test, new TrainingProgress(err, epochs));
        double[] curve = r.history().stream().mapToDouble(TrainListener.EpochReport::testAccuracy).toArray();
        double trainAccuracy = r.history().get(r.history().size() - 1).trainAccuracy();
        double held = activationMemory(trainer, train) / 1048576.0;
        boolean noisy = !Trainer.noisyLayers(trainer.network()).isEmpty()
                && (!Architectures.NAMES.contains(arch) || !Architectures.byName(arch).deterministic());
        double mc = Double.NaN;
        double mcSpread = Double.NaN;
        if (noisy && mcPasses > 0) {
            Trainer.MonteCarloAccuracy m = trainer.evaluateMonteCarlo(test.normalised(train.mean(), train.std()), mcPasses);
            mc = m.accuracy();
            mcSpread = m.passSd();
        }
        double wall = (System.nanoTime() - start) * 1e-9;
        return new ExperimentRun(arch, seed, budget, params, r.testAccuracy(), trainAccuracy, mc, mcSpread,
                r.imagesPerSecond(), held, wall, curve);
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The activations a network holds between training steps: the heap in use (after garbage collection)
     * after one training step on a mini-batch of 128, minus the same with the network's activations
     * {@linkplain org.sde4j.nn.layers.Layer#release released}.
     */
    private static long activationMemory(Trainer trainer, Dataset train) {
        Dataset normal = train.normalised(train.mean(), train.std());
        Batches batches = new Batches(normal, 128, 0, false, 0);
        int[] order = new int[normal.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Batches.Batch batch = batches.batch(order, 0, 0, false, null);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        // A first step resizes every buffer to this batch (evaluation left them at its own batch size).
        step(trainer, batch, loss);
        trainer.network().release();
        long released = usedAfterGc();
        step(trainer, batch, loss);
        return usedAfterGc() - released;
    }

    private static void step(Trainer trainer, Batches.Batch batch, SoftmaxCrossEntropy loss) {
        Trainer.noisyLayers(trainer.network()).forEach(l -> l.noiseKey(0));
        Tensor logits = trainer.network().forward(batch.images(), true);
        loss.forward(logits, batch.labels());
        trainer.network().backward(loss.gradient());
        for (Param p : trainer.network().params()) {
            p.grad().zero();
        }
    }

    /** The worker threads of each trainer: {@code --threads}, or {@link Parallel#defaultThreads()}. */
    private int threads() {
        return threads.orElse(Parallel.defaultThreads());
    }

    private String render(List<Row> rows, int trainSize, int testSize, double minutes, int threadCount) {
        StringBuilder b = new StringBuilder();
        b.append(Format.f("Budget: widths %s, %d blocks per stage, %d epochs, %d training and %d test images, "
                + "batch 128, SGD (Nesterov 0.9, weight decay 5e-4), one-cycle learning rate peaking at 0.1, random "
                + "crop (padding 2) + flip; seeds 1..%d; %d threads. Sum of the runs' wall times: %.1f min.%n%n",
                Arrays.toString(widths), blocks, epochs, trainSize, testSize, seeds, threadCount, minutes));
        b.append("| architecture | parameters | test accuracy (mean ± sd) | last-epoch training accuracy (mean) |")
                .append(" Monte Carlo accuracy (K = ").append(mcPasses)
                .append(") | train images/s | activations held between steps | wall time per run |")
                .append(" Welch t-test of test accuracy against `").append(rows.get(0).arch()).append("` |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            b.append(Format.f("| `%s` | %,d | %s | %s | %s | %.0f | %.1f MiB | %s | %s |%n", r.arch(), r.params(),
                    meanSd(r.accuracy()), recorded(r.trainAccuracy()), Double.isNaN(r.mc()[0]) ? "—"
                            : meanSd(r.mc()) + Format.f(" (pass sd %.4f)", mean(r.mcSpread())), r.imagesPerSecond(),
                    r.heldMiB(), Format.seconds(r.wallSeconds()), welch(r.accuracy(), rows.get(0).accuracy())));
        }
        b.append(Format.f("%nCommand: `bin/sde4j experiment --archs %s --widths %s --blocks %d --epochs %d --seeds %d%s%s"
                + " --mc-passes %d --name %s%s`%n", String.join(",", rows.stream().map(Row::arch).toList()),
                String.join(",", Arrays.stream(widths).mapToObj(Integer::toString).toList()), blocks, epochs, seeds,
                trainLimit == null ? "" : " --train-limit " + trainLimit, testLimit == null ? "" : " --test-limit " + testLimit,
                mcPasses, name, runs == null ? "" : " --runs " + runs));
        return b.toString();
    }

    /** "t = …, ν = …, p = …" of Welch's test of {@code a} against {@code b}, or "—" when it does not apply. */
    static String welch(double[] a, double[] b) {
        if (a == b || a.length < 2 || b.length < 2) {
            return "—";
        }
        try {
            Welch w = Welch.test(a, b);
            return Format.f("t = %.2f, ν = %.1f, p = %.3g", w.t(), w.df(), w.p());
        } catch (IllegalArgumentException e) {
            return "—";
        }
    }

    /**
     * The mean of the recorded values ("—" when none is: runs saved before training accuracy was kept), with how
     * many of the runs it covers when not all.
     */
    static String recorded(double[] v) {
        double[] known = Arrays.stream(v).filter(x -> !Double.isNaN(x)).toArray();
        if (known.length == 0) {
            return "—";
        }
        String m = Format.f("%.4f", mean(known));
        return known.length == v.length ? m : m + Format.f(" (%d of %d runs)", known.length, v.length);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static String meanSd(double[] v) {
        return Format.meanSd(v, "%.4f");
    }
}
