package org.sde4j.nn.train;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.sde4j.nn.Parallel;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.data.Batches;
import org.sde4j.nn.data.Dataset;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.NoisyLayer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.layers.SoftmaxCrossEntropy;
import org.sde4j.nn.optim.Optimizer;
import org.sde4j.nn.optim.Schedule;
import org.sde4j.nn.optim.Sgd;

/**
 * The training loop: per epoch a seeded shuffle, augmented mini-batches, forward, softmax cross-entropy,
 * backward, and an SGD (Nesterov) step at the one-cycle rate of the global step; then evaluation on the test
 * set (evaluation mode, running batch-norm statistics) and, when configured, a checkpoint.
 *
 * <p>Inputs are normalised by the mean and standard deviation of the training images. Because the
 * randomness of each epoch is derived from the seed and the epoch number alone, a run resumed from the
 * checkpoint of epoch e continues exactly as the uninterrupted run would have.
 *
 * <p><b>Threads.</b> Each call of {@link #run}, {@link #evaluate} and {@link #evaluateMonteCarlo} makes its own
 * {@link Parallel} of {@link #threads(int) threads} threads (default {@link Parallel#defaultThreads()}) and closes it
 * when it returns, unless the caller passed one with {@link #parallel(Parallel)}. Trainers never share threads
 * unless told to, so two trainers in one JVM do not interfere, and the thread count never changes a result.
 * A trainer itself is not thread-safe: one thread per trainer.
 */
public final class Trainer {
    private static final int EVAL_BATCH = 500;
    private final TrainConfig config;
    private final Sequential net;
    private int threads = Parallel.defaultThreads();
    private Parallel parallel;

    /** A trainer for {@code config}, building its network for 28×28 images and 10 classes. */
    public Trainer(TrainConfig config, int side, int classes) {
        this.config = config;
        this.net = Models.build(config.arch(), config.widths(), config.blocks(), side, classes, config.seed());
    }

    /**
     * Runs on {@code count} threads (the calling thread included), in a pool made for each call and stopped when
     * it returns. Never changes a result.
     *
     * @param count at least 1
     * @return this trainer
     * @throws IllegalArgumentException when {@code count < 1}
     */
    public Trainer threads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("threads = " + count + ": must be at least 1");
        }
        this.threads = count;
        this.parallel = null;
        return this;
    }

    /**
     * Runs on the caller's {@code Parallel} (for example one on a pool shared by several trainers), which the
     * caller closes; null restores the default, a pool per call. Never changes a result.
     *
     * @param threadsToUse the threads, or null
     * @return this trainer
     */
    public Trainer parallel(Parallel threadsToUse) {
        this.parallel = threadsToUse;
        return this;
    }

    /** The number of threads a call uses. */
    public int threads() {
        return parallel != null ? parallel.threads() : threads;
    }

    /** Runs {@code work} inside the caller's {@link Parallel}, or inside one made (and closed) for this call. */
    private <T> T inParallel(java.util.function.Supplier<T> work) {
        if (parallel != null) {
            return parallel.call(work);
        }
        try (Parallel own = Parallel.of(threads)) {
            return own.call(work);
        }
    }

    /** The network (for tests). */
    public Sequential network() {
        return net;
    }

    /**
     * Trains on {@code train} and evaluates on {@code test} (both raw, in [0, 1]); normalisation uses
     * {@code train}'s statistics.
     */
    public TrainResult run(Dataset train, Dataset test, TrainListener listener) {
        return inParallel(() -> train(train, test, listener));
    }

    private TrainResult train(Dataset train, Dataset test, TrainListener listener) {
        double mean = train.mean();
        double std = train.std();
        Dataset tr = train.normalised(mean, std);
        Dataset te = test.normalised(mean, std);
        Batches batches = new Batches(tr, config.batch(), config.pad(), config.flip(), config.seed());
        int perEpoch = batches.count();
        if ((long) config.epochs() * perEpoch < 2) {
            throw new IllegalArgumentException(train.size() + " training images in batches of " + config.batch()
                    + " for " + config.epochs() + " epoch" + (config.epochs() == 1 ? "" : "s") + " make "
                    + (long) config.epochs() * perEpoch + " optimiser step; the one-cycle schedule needs at least 2:"
                    + " train on more images or for more epochs, or use a smaller batch");
        }
        List<Param> params = net.params();
        Optimizer opt = new Sgd(params, true, config.weightDecay());
        Schedule schedule = Schedule.oneCycle(config.maxLr(), (long) config.epochs() * perEpoch);
        List<Tensor> state = new ArrayList<>();
        params.forEach(p -> state.add(p.value()));
        state.addAll(net.buffers());
        state.addAll(opt.state());
        String fingerprint = config.fingerprint(tr.size());
        int done = 0;
        if (config.checkpoint() != null && config.resume() && Files.exists(config.checkpoint())) {
            done = Checkpoint.load(config.checkpoint(), fingerprint, state);
        }
        List<NoisyLayer> noisy = noisyLayers(net);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        List<TrainListener.EpochReport> history = new ArrayList<>();
        double seconds = 0;
        long images = 0;
        double testAccuracy = Double.NaN;
        int last = Math.min(config.epochs(), done + config.stopAfter());
        Tensor buffer = null;
        for (int epoch = done; epoch < last; epoch++) {
            int[] perm = batches.permutation(epoch);
            long start = System.nanoTime();
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            for (int b = 0; b < perEpoch; b++) {
                Batches.Batch batch = batches.batch(perm, epoch, b, true, buffer);
                buffer = batch.images();
                for (Param p : params) {
                    p.grad().zero();
                }
                long step0 = (long) epoch * perEpoch + b;
                noisy.forEach(l -> l.noiseKey(step0));
                Tensor logits = net.forward(batch.images(), true);
                double l = loss.forward(logits, batch.labels());
                if (!Double.isFinite(l)) {
                    throw new IllegalStateException("training diverged: loss " + l + " at epoch " + (epoch + 1)
                            + ", batch " + (b + 1));
                }
                net.backward(loss.gradient());
                long step = (long) epoch * perEpoch + b;
                opt.step(schedule.lr(step), schedule.momentum(step, 0.9));
                int n = batch.labels().length;
                lossSum += l * n;
                correct += loss.correct();
                seen += n;
                double elapsed = (System.nanoTime() - start) * 1e-9;
                listener.batch(epoch + 1, b + 1, perEpoch, lossSum / seen, (double) correct / seen, seen / elapsed);
            }
            double epochSeconds = (System.nanoTime() - start) * 1e-9;
            seconds += epochSeconds;
            images += seen;
            testAccuracy = accuracy(te);
            TrainListener.EpochReport report = new TrainListener.EpochReport(epoch + 1, lossSum / seen,
                    (double) correct / seen, testAccuracy, epochSeconds, seen / epochSeconds);
            history.add(report);
            listener.epoch(report);
            if (config.checkpoint() != null) {
                Checkpoint.save(config.checkpoint(), fingerprint, epoch + 1, state);
            }
        }
        if (history.isEmpty()) {
            testAccuracy = accuracy(te);
        }
        return new TrainResult(config.arch(), Models.parameterCount(net), last, seconds,
                seconds > 0 ? images / seconds : 0, testAccuracy, config.seed(), List.copyOf(history));
    }

    /** The stochastic layers of a network (looking into sequential compositions). */
    public static List<NoisyLayer> noisyLayers(Layer net) {
        List<NoisyLayer> all = new ArrayList<>();
        if (net instanceof NoisyLayer n) {
            all.add(n);
        } else if (net instanceof Sequential s) {
            s.layers().forEach(l -> all.addAll(noisyLayers(l)));
        }
        return all;
    }

    /**
     * Monte Carlo inference: the class probabilities averaged over {@code passes} stochastic forward passes
     * (evaluation mode otherwise: running batch-norm statistics), pass p drawing its noise from key
     * {@code −1 − p}. A network without noise gives {@code passes} identical passes.
     *
     * @param data   a normalised data set
     * @param passes K, at least 1
     * @return the accuracy of the averaged prediction, and the mean and standard deviation of the accuracies
     *         of single passes
     */
    public MonteCarloAccuracy evaluateMonteCarlo(Dataset data, int passes) {
        if (passes < 1) {
            throw new IllegalArgumentException("passes = " + passes + ": must be at least 1");
        }
        return inParallel(() -> monteCarlo(data, passes));
    }

    private MonteCarloAccuracy monteCarlo(Dataset data, int passes) {
        List<NoisyLayer> noisy = noisyLayers(net);
        noisy.forEach(l -> l.monteCarlo(true));
        try {
            Batches batches = new Batches(data, EVAL_BATCH, 0, false, 0);
            int[] order = new int[data.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            long[] passCorrect = new long[passes];
            long correct = 0;
            Tensor buffer = null;
            for (int b = 0; b < batches.count(); b++) {
                Batches.Batch batch = batches.batch(order, 0, b, false, buffer);
                buffer = batch.images();
                int[] labels = batch.labels();
                double[][] mean = null;
                for (int p = 0; p < passes; p++) {
                    long key = -1 - (long) p * batches.count() - b;
                    noisy.forEach(l -> l.noiseKey(key));
                    Tensor logits = net.forward(batch.images(), false);
                    double[][] prob = softmax(logits);
                    if (mean == null) {
                        mean = new double[prob.length][prob[0].length];
                    }
                    for (int i = 0; i < prob.length; i++) {
                        passCorrect[p] += argmax(prob[i]) == labels[i] ? 1 : 0;
                        for (int c = 0; c < prob[i].length; c++) {
                            mean[i][c] += prob[i][c] / passes;
                        }
                    }
                }
                for (int i = 0; i < labels.length; i++) {
                    correct += argmax(mean[i]) == labels[i] ? 1 : 0;
                }
            }
            double sum = 0;
            double sumSq = 0;
            for (long c : passCorrect) {
                double a = (double) c / data.size();
                sum += a;
                sumSq += a * a;
            }
            double m = sum / passes;
            double sd = passes > 1 ? Math.sqrt(Math.max(0, (sumSq - passes * m * m) / (passes - 1))) : 0;
            return new MonteCarloAccuracy((double) correct / data.size(), m, sd, passes);
        } finally {
            noisy.forEach(l -> l.monteCarlo(false));
        }
    }

    /**
     * The result of Monte Carlo inference.
     *
     * @param accuracy     accuracy of the prediction averaged over the passes
     * @param passMean     mean accuracy of a single pass
     * @param passSd       standard deviation of single-pass accuracies
     * @param passes       K
     */
    public record MonteCarloAccuracy(double accuracy, double passMean, double passSd, int passes) {
    }

    private static double[][] softmax(Tensor logits) {
        int n = logits.dim(0);
        int k = logits.dim(1);
        float[] z = logits.data();
        double[][] p = new double[n][k];
        for (int i = 0; i < n; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                max = Math.max(max, z[i * k + c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                p[i][c] = Math.exp(z[i * k + c] - max);
                sum += p[i][c];
            }
            for (int c = 0; c < k; c++) {
                p[i][c] /= sum;
            }
        }
        return p;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Accuracy on a normalised data set, evaluation mode. */
    public double evaluate(Dataset data) {
        return inParallel(() -> accuracy(data));
    }

    private double accuracy(Dataset data) {
        Batches batches = new Batches(data, EVAL_BATCH, 0, false, 0);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        long correct = 0;
        Tensor buffer = null;
        for (int b = 0; b < batches.count(); b++) {
            Batches.Batch batch = batches.batch(order, 0, b, false, buffer);
            buffer = batch.images();
            loss.forward(net.forward(batch.images(), false), batch.labels());
            correct += loss.correct();
        }
        return (double) correct / data.size();
    }
}
