package org.sde4j.cli.experiment;

import java.util.ArrayList;
import java.util.List;
import org.sde4j.error.OrderFit;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.arch.OdeStage;
import org.sde4j.nn.data.Batches;
import org.sde4j.nn.data.Dataset;
import org.sde4j.nn.layers.Conv2d;
import org.sde4j.nn.layers.Dense;
import org.sde4j.nn.layers.GlobalAvgPool;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.layers.SoftmaxCrossEntropy;
import org.sde4j.nn.layers.Tanh;
import org.sde4j.nn.optim.Adam;
import org.sde4j.random.RandomStreams;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.RungeKuttaSchemes;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * Depth as step count: a network whose middle is an {@link OdeStage} ({@code x' = F(x)} on [0, 1], F =
 * tanh–conv–tanh–conv shared by all steps) is trained with forward Euler at N steps, then run at other step
 * counts and with Heun and RK4. Layout: 3×3 convolution of stride 2 (28 → 14), tanh, 3×3 convolution of
 * stride 2 (14 → 7), the ODE stage, tanh, global average pooling, dense classifier. Adam (learning rate
 * 3·10⁻³), batch 64, no augmentation.
 */
public final class DepthSteps {
    /** The evaluation schemes, in the order of {@link #SCHEME_NAMES}. */
    public static final List<StochasticTableau> SCHEMES = List.of(EulerMaruyama.INSTANCE.tableau(),
            RungeKuttaSchemes.HEUN.tableau(), RungeKuttaSchemes.RK4.tableau());
    /** Names of {@link #SCHEMES}. */
    public static final List<String> SCHEME_NAMES = List.of("euler", "heun", "rk4");
    /** The reference solution of the trained ODE: RK4 with this many steps. */
    public static final int REFERENCE_STEPS = 64;

    private final Layer stem;
    private final OdeStage ode;
    private final Layer head;
    private final Layer dense;

    /** A fresh network of width {@code width} with N = {@code steps} Euler steps, initialised from {@code seed}. */
    public DepthSteps(int width, int steps, long seed) {
        stem = new Sequential(List.of(new Conv2d("stem", 1, width, 3, 2, 1, RandomStreams.stream(seed, 0)), new Tanh(),
                new Conv2d("down", width, width, 3, 2, 1, RandomStreams.stream(seed, 1))));
        Layer f = new Sequential(List.of(new Tanh(), new Conv2d("f1", width, width, 3, 1, 1, RandomStreams.stream(seed, 2)),
                new Tanh(), new Conv2d("f2", width, width, 3, 1, 1, RandomStreams.stream(seed, 3))));
        ode = new OdeStage(f, 1, steps, SCHEMES.get(0));
        head = new Sequential(List.of(new Tanh(), new GlobalAvgPool()));
        dense = new Dense("fc", width, 10, RandomStreams.stream(seed, 4));
    }

    private Sequential network(OdeStage stage) {
        return new Sequential(List.of(stem, stage, head, dense));
    }

    /** Trains with Euler at the construction's N; returns the mean training loss of each epoch. */
    public double[] train(Dataset normalisedTrain, int epochs, long seed) {
        Sequential net = network(ode);
        List<Param> params = net.params();
        Adam adam = new Adam(params, 0.999, 1e-8, 0, false);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Batches batches = new Batches(normalisedTrain, 64, 0, false, seed);
        double[] losses = new double[epochs];
        Tensor reuse = null;
        for (int e = 0; e < epochs; e++) {
            int[] perm = batches.permutation(e);
            for (int b = 0; b < batches.count(); b++) {
                Batches.Batch batch = batches.batch(perm, e, b, false, reuse);
                reuse = batch.images();
                Tensor logits = net.forward(batch.images(), true);
                losses[e] += loss.forward(logits, batch.labels()) / batches.count();
                net.backward(loss.gradient());
                adam.step(3e-3, 0.9);
                for (Param p : params) {
                    p.grad().zero();
                }
            }
        }
        net.release();
        return losses;
    }

    /** The logits {@code [images × 10]} of the trained F solved by {@code count} steps of {@code scheme}. */
    public float[] logits(Dataset normalisedTest, int count, StochasticTableau scheme) {
        Sequential net = network(ode.withSteps(count, scheme));
        Batches batches = new Batches(normalisedTest, 250, 0, false, 0);
        int[] order = new int[normalisedTest.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        float[] out = new float[normalisedTest.size() * 10];
        int at = 0;
        for (int b = 0; b < batches.count(); b++) {
            Tensor logits = net.forward(batches.batch(order, 0, b, false, null).images(), false);
            System.arraycopy(logits.data(), 0, out, at, logits.size());
            at += logits.size();
        }
        return out;
    }

    /** The fraction of images whose largest logit is their label. */
    public static double accuracy(float[] logits, Dataset data) {
        int correct = 0;
        for (int i = 0; i < data.size(); i++) {
            int best = 0;
            for (int c = 1; c < 10; c++) {
                if (logits[i * 10 + c] > logits[i * 10 + best]) {
                    best = c;
                }
            }
            correct += best == data.labels()[i] ? 1 : 0;
        }
        return (double) correct / data.size();
    }

    /** The root-mean-square difference of two logit arrays over their root-mean-square size: a relative error. */
    public static double relativeError(float[] logits, float[] reference) {
        double d = 0;
        double r = 0;
        for (int i = 0; i < logits.length; i++) {
            d += (double) (logits[i] - reference[i]) * (logits[i] - reference[i]);
            r += (double) reference[i] * reference[i];
        }
        return Math.sqrt(d / r);
    }

    /**
     * What one trained network measured.
     *
     * @param trainSteps  N of training (Euler)
     * @param trainLoss   mean training loss per epoch
     * @param ownAccuracy test accuracy at its own N with Euler
     * @param limitAccuracy test accuracy of the ODE limit (RK4, {@link #REFERENCE_STEPS} steps)
     * @param evalSteps   evaluation step counts
     * @param errors      relative logit error against the limit, [scheme][evaluation step count]
     * @param accuracies  test accuracy, [scheme][evaluation step count]
     * @param slopes      fitted order per scheme (least squares of log error on log h over all step counts)
     */
    public record Result(int trainSteps, double[] trainLoss, double ownAccuracy, double limitAccuracy, int[] evalSteps,
            double[][] errors, double[][] accuracies, double[] slopes) {
    }

    /** Trains at N = {@code trainSteps}, then evaluates every scheme at every {@code evalSteps}. */
    public static Result study(int width, int trainSteps, int[] evalSteps, Dataset train, Dataset test, int epochs,
            long seed) {
        Dataset tr = train.normalised(train.mean(), train.std());
        Dataset te = test.normalised(train.mean(), train.std());
        DepthSteps net = new DepthSteps(width, trainSteps, seed);
        double[] losses = net.train(tr, epochs, seed);
        float[] reference = net.logits(te, REFERENCE_STEPS, SCHEMES.get(2));
        double own = accuracy(net.logits(te, trainSteps, SCHEMES.get(0)), te);
        double[][] errors = new double[SCHEMES.size()][evalSteps.length];
        double[][] acc = new double[SCHEMES.size()][evalSteps.length];
        double[] slopes = new double[SCHEMES.size()];
        double[] hs = new double[evalSteps.length];
        for (int j = 0; j < evalSteps.length; j++) {
            hs[j] = 1.0 / evalSteps[j];
        }
        for (int s = 0; s < SCHEMES.size(); s++) {
            for (int j = 0; j < evalSteps.length; j++) {
                float[] l = net.logits(te, evalSteps[j], SCHEMES.get(s));
                errors[s][j] = Math.max(relativeError(l, reference), 1e-12);
                acc[s][j] = accuracy(l, te);
            }
            slopes[s] = OrderFit.leastSquaresSlope(hs, errors[s]);
        }
        return new Result(trainSteps, losses, own, accuracy(reference, te), evalSteps.clone(), errors, acc, slopes);
    }

    /** {@link #study} for each training step count. */
    public static List<Result> studies(int width, int[] trainSteps, int[] evalSteps, Dataset train, Dataset test,
            int epochs, long seed) {
        List<Result> all = new ArrayList<>();
        for (int n : trainSteps) {
            all.add(study(width, n, evalSteps, train, test, epochs, seed));
        }
        return all;
    }
}
