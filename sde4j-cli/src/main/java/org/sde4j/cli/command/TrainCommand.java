package org.sde4j.cli.command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sde4j.cli.output.Format;
import org.sde4j.cli.output.Json;
import org.sde4j.cli.output.OutputFile;
import org.sde4j.nn.Parallel;
import org.sde4j.nn.data.Dataset;
import org.sde4j.nn.data.FashionMnist;
import org.sde4j.nn.train.Models;
import org.sde4j.nn.train.TrainConfig;
import org.sde4j.nn.train.TrainResult;
import org.sde4j.nn.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sde4j train}: trains a network on Fashion-MNIST with the recipe of the PyTorch anchor (SGD Nesterov
 * 0.9, weight decay 5e-4, one-cycle learning rate, random crop + flip), showing a progress bar per epoch on
 * stderr and a summary (or, with {@code --json}, one JSON object) on stdout.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a network (mlp, cnn, resnet20) on Fashion-MNIST.",
        footer = {"", "Example: sde4j train --arch resnet20 --widths 8,16,32 --epochs 10 --seed 1"})
public final class TrainCommand implements Callable<Integer>, ParameterNames {
    @Spec
    private CommandSpec spec;

    @Option(names = "--arch", paramLabel = "NAME", defaultValue = "resnet20",
            description = "Architecture: mlp, cnn or resnet20 (default: ${DEFAULT-VALUE}).")
    String arch;

    @Option(names = "--widths", paramLabel = "W,W,...", split = ",",
            description = "Widths per stage (resnet20, cnn) or hidden sizes (mlp); default 8,16,32 (resnet20),"
                    + " 16,32 (cnn), 256,128 (mlp).")
    int[] widths;

    @Option(names = "--blocks", paramLabel = "B", defaultValue = "3",
            description = "Residual blocks per stage (resnet20; default: ${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "10", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "128", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.1",
            description = "One-cycle peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--pad", paramLabel = "P", defaultValue = "2",
            description = "Random-crop padding in pixels, 0 for none (default: ${DEFAULT-VALUE}, as the PyTorch anchor).")
    int pad;

    @Option(names = "--no-flip", description = "No random horizontal flips.")
    boolean noFlip;

    @Option(names = "--data", paramLabel = "DIR", description = TrainingData.DESCRIPTION)
    String data;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only.")
    Integer trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", description = "Evaluate on the first N test images only.")
    Integer testLimit;

    @Mixin
    ThreadsOption threads;

    @Option(names = "--checkpoint", paramLabel = "FILE", converter = OutputFile.Converter.class,
            description = "Save a checkpoint here after every epoch (a symbolic link is kept; two runs cannot share"
                    + " one file).")
    OutputFile checkpoint;

    @Option(names = "--resume", description = "Resume from --checkpoint FILE when it exists.")
    boolean resume;

    @Option(names = "--force", description = "Overwrite an existing --checkpoint FILE without --resume.")
    boolean force;

    @Option(names = "--mc-passes", paramLabel = "K", defaultValue = "0",
            description = "After training, also evaluate by Monte Carlo inference: class probabilities averaged over"
                    + " K stochastic passes (default: ${DEFAULT-VALUE}, the mean-field pass only).")
    int mcPasses;

    @Option(names = "--json", description = "Print one JSON object at the end instead of the summary.")
    boolean json;

    @Override
    public Map<String, String> parameterOptions() {
        return Map.of("maxLr", "--lr", "arch", "--arch", "widths", "--widths", "blocks", "--blocks");
    }

    @Override
    public Integer call() throws IOException {
        if (resume && checkpoint == null) {
            throw new IllegalArgumentException("--resume: needs --checkpoint FILE");
        }
        if (force && checkpoint == null) {
            throw new IllegalArgumentException("--force: needs --checkpoint FILE");
        }
        if (mcPasses < 0) {
            throw new IllegalArgumentException("--mc-passes = " + mcPasses + ": must be at least 0");
        }
        if (!Models.NAMES.contains(arch)) {
            throw new IllegalArgumentException("--arch = " + org.sde4j.cli.output.Messages.cut(arch) + ": must be one of "
                    + Models.NAMES);
        }
        TrainingData.checkLimits(trainLimit, testLimit);
        int[] w = widths != null ? widths : switch (arch) {
            case "mlp" -> new int[] {256, 128};
            case "cnn" -> new int[] {16, 32};
            default -> new int[] {8, 16, 32};
        };
        for (int width : w) {
            if (width < 1) {
                throw new IllegalArgumentException("--widths: " + width + " must be at least 1");
            }
        }
        if (blocks < 1 || batch < 1) {
            throw new IllegalArgumentException("--blocks = " + blocks + ", --batch = " + batch + ": must be at least 1");
        }
        Memory.require("--arch " + arch + " " + Memory.networkOptions(w, blocks, !arch.equals("mlp") && !arch.equals("cnn"))
                + " --batch " + batch, Memory.network(arch, w, blocks, batch), "smaller --widths, fewer --blocks or a"
                + " smaller --batch");
        int threadCount = threads.orElse(Parallel.defaultThreads());
        Path file = null;
        try (CheckpointLock lock = checkpoint == null ? null : CheckpointLock.acquire(checkpoint)) {
            if (checkpoint != null) {
                file = checkpoint.target();
                if (Files.exists(file) && !resume && !force) {
                    throw new IllegalArgumentException("--checkpoint = " + checkpoint + ": the file exists; pass --resume"
                            + " to continue from it or --force to overwrite it");
                }
            }
            TrainConfig config = new TrainConfig(arch, w, blocks, epochs, batch, seed, lr, 5e-4, pad, !noFlip,
                    file, resume, epochs);
            return train(config, w, threadCount);
        }
    }

    private int train(TrainConfig config, int[] w, int threadCount) {
        FashionMnist.Split split = TrainingData.load(data, spec.commandLine().getErr());
        Dataset train = trainLimit == null ? split.train() : split.train().limit(trainLimit);
        Dataset test = testLimit == null ? split.test() : split.test().limit(testLimit);
        Trainer trainer = new Trainer(config, train.rows(), train.classes()).threads(threadCount);
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (!json) {
            out.println(Format.f("%s widths %s, %d parameters; %d training, %d test images; %d threads", arch,
                    Arrays.toString(w), Models.parameterCount(trainer.network()), train.size(), test.size(),
                    trainer.threads()));
            out.flush();
        }
        TrainResult r = trainer.run(train, test, new TrainingProgress(err, epochs));
        Trainer.MonteCarloAccuracy mc = mcPasses == 0 ? null
                : trainer.evaluateMonteCarlo(test.normalised(train.mean(), train.std()), mcPasses);
        if (json) {
            Json.ObjectBuilder o = Json.object().put("arch", r.arch()).put("params", r.params()).put("epochs", r.epochs())
                    .put("trainSeconds", r.trainSeconds()).put("imagesPerSecond", r.imagesPerSecond())
                    .put("testAccuracy", r.testAccuracy()).put("seed", r.seed());
            if (mc != null) {
                o.put("mcPasses", mc.passes()).put("mcAccuracy", mc.accuracy()).put("mcPassMean", mc.passMean())
                        .put("mcPassSd", mc.passSd());
            }
            out.println(o.build());
        } else {
            out.println(Format.f("test accuracy %.4f after %d epochs; training %.1f s, %.0f images/s",
                    r.testAccuracy(), r.epochs(), r.trainSeconds(), r.imagesPerSecond()));
            if (mc != null) {
                out.println(Format.f("Monte Carlo inference (K = %d): accuracy %.4f; single passes %.4f ± %.4f",
                        mc.passes(), mc.accuracy(), mc.passMean(), mc.passSd()));
            }
        }
        out.flush();
        return 0;
    }
}
