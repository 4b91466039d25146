package org.sde4j.cli.experiment;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.arch.BlockNoise;
import org.sde4j.nn.arch.LayerField;
import org.sde4j.nn.arch.SchemeStage;
import org.sde4j.nn.data.Batches;
import org.sde4j.nn.data.Dataset;
import org.sde4j.nn.layers.Conv2d;
import org.sde4j.nn.layers.Dense;
import org.sde4j.nn.layers.GlobalAvgPool;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.layers.SignedPower;
import org.sde4j.nn.layers.SoftmaxCrossEntropy;
import org.sde4j.nn.layers.SpectralNorm;
import org.sde4j.nn.layers.Tanh;
import org.sde4j.nn.optim.Adam;
import org.sde4j.random.RandomStreams;
import org.sde4j.solver.scheme.EulerMaruyama;

/**
 * Non-Lipschitz residual branches: a network whose middle is N forward-Euler steps {@code x + h F_n(x)}
 * (h = 1/N, T = 1, one branch per block) with F = act–conv–act–conv, act one of
 * <ul>
 * <li>{@code alpha-0.5}: {@link SignedPower} sign(x)|x|^½ — not Lipschitz at 0;</li>
 * <li>{@code alpha-1}: SignedPower with α = 1, the identity — the Lipschitz control (F linear);</li>
 * <li>{@code tanh}: tanh, smooth and 1-Lipschitz;</li>
 * <li>{@code tanh-sn}: tanh with {@linkplain SpectralNorm spectrally normalised} convolutions.</li>
 * </ul>
 * Layout around the stage: 3×3 convolution of stride 2, tanh, 3×3 convolution of stride 2 (28 → 7), …, tanh,
 * global average pooling, dense classifier. Adam (3·10⁻³), batch 64, no augmentation. Measures training loss and
 * gradient norms per epoch, test accuracy, the input sensitivity {@code |f(x + δu) − f(x)|/δ} of the logits for
 * random unit directions u as δ → 0, and accuracy under FGSM {@code x + ε sign ∇ₓ loss}.
 */
public final class NonLipschitz {
    /** The variants. */
    public static final List<String> VARIANTS = List.of("alpha-0.5", "alpha-1", "tanh", "tanh-sn");
    /** The δ of the sensitivity ratio. */
    public static final double[] DELTAS = {1e-1, 1e-2, 1e-3, 1e-4};

    private NonLipschitz() {
    }

    /** Builds the network of {@code variant} with {@code blocks} Euler steps, initialised from {@code seed}. */
    public static Sequential network(String variant, int width, int blocks, long seed) {
        if (!VARIANTS.contains(variant)) {
            throw new IllegalArgumentException("variant = " + variant + ": must be one of " + VARIANTS);
        }
        int[] next = {0};
        java.util.function.Supplier<org.apache.commons.rng.UniformRandomProvider> rng =
                () -> RandomStreams.stream(seed, next[0]++);
        List<LayerField> fields = new ArrayList<>();
        List<BlockNoise> noise = new ArrayList<>();
        Layer stem = new Conv2d("stem", 1, width, 3, 2, 1, rng.get(), true);
        Layer down = new Conv2d("down", width, width, 3, 2, 1, rng.get());
        for (int n = 0; n < blocks; n++) {
            List<Layer> branch = new ArrayList<>();
            for (int k = 0; k < 2; k++) {
                branch.add(switch (variant) {
                    case "alpha-0.5" -> new SignedPower(0.5);
                    case "alpha-1" -> new SignedPower(1);
                    default -> new Tanh();
                });
                Conv2d conv = new Conv2d("b" + n + "c" + k, width, width, 3, 1, 1, rng.get());
                branch.add(variant.equals("tanh-sn") ? SpectralNorm.of(conv, rng.get()) : conv);
            }
            fields.add(new LayerField(List.of(new Sequential(branch)), new double[] {1.0 / blocks}, new double[] {0}));
            noise.add(BlockNoise.none());
        }
        SchemeStage stage = new SchemeStage(EulerMaruyama.INSTANCE.tableau(), fields, noise, null, seed, 0);
        return new Sequential(List.of(stem, new Tanh(), down, stage, new Tanh(), new GlobalAvgPool(),
                new Dense("fc", width, 10, rng.get())));
    }

    /**
     * What one trained network measured.
     *
     * @param loss         mean training loss per epoch
     * @param maxGradNorm  largest global gradient norm of a mini-batch, per epoch
     * @param meanGradNorm mean global gradient norm, per epoch
     * @param accuracy     test accuracy
     * @param sensitivity  mean over test images of |f(x + δu) − f(x)|/δ, one per {@link #DELTAS}
     * @param fgsm         test accuracy under FGSM with the given ε
     */
    public record Result(String variant, long seed, double[] loss, double[] maxGradNorm, double[] meanGradNorm,
            double accuracy, double[] sensitivity, double fgsm) {
    }

    /** Trains one network and measures it. */
    public static Result run(String variant, int width, int blocks, Dataset train, Dataset test, int epochs,
            double epsilon, int sensitivityImages, long seed) {
        Dataset tr = train.normalised(train.mean(), train.std());
        Dataset te = test.normalised(train.mean(), train.std());
        Sequential net = network(variant, width, blocks, seed);
        List<Param> params = net.params();
        Adam adam = new Adam(params, 0.999, 1e-8, 0, false);
        SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();
        Batches batches = new Batches(tr, 64, 0, false, seed);
        double[] losses = new double[epochs];
        double[] maxNorm = new double[epochs];
        double[] meanNorm = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            int[] perm = batches.permutation(e);
            for (int b = 0; b < batches.count(); b++) {
                Batches.Batch batch = batches.batch(perm, e, b, false, null);
                losses[e] += loss.forward(net.forward(batch.images(), true), batch.labels()) / batches.count();
                net.backward(loss.gradient());
                double sq = 0;
                for (Param p : params) {
                    for (float g : p.grad().data()) {
                        sq += (double) g * g;
                    }
                }
                maxNorm[e] = Math.max(maxNorm[e], Math.sqrt(sq));
                meanNorm[e] += Math.sqrt(sq) / batches.count();
                adam.step(3e-3, 0.9);
                params.forEach(p -> p.grad().zero());
            }
        }
        Tensor images = all(te);
        Tensor logits = net.forward(images, false).copy();
        double accuracy = DepthSteps.accuracy(logits.data(), te);
        // FGSM: x + ε sign(∇ₓ loss) at the clean labels.
        loss.forward(logits, te.labels());
        net.forward(images, false);
        Tensor dx = net.backward(loss.gradient()).copy();
        params.forEach(p -> p.grad().zero());
        Tensor adversarial = images.copy();
        float[] a = adversarial.data();
        for (int i = 0; i < a.length; i++) {
            a[i] += (float) (epsilon * Math.signum(dx.data()[i]));
        }
        double fgsm = DepthSteps.accuracy(net.forward(adversarial, false).data(), te);
        double[] sensitivity = sensitivity(net, te.limit(sensitivityImages), seed);
        net.release();
        return new Result(variant, seed, losses, maxNorm, meanNorm, accuracy, sensitivity, fgsm);
    }

    private static Tensor all(Dataset data) {
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        return new Batches(data, data.size(), 0, false, 0).batch(order, 0, 0, false, null).images();
    }

    /** Mean over images of |f(x + δu) − f(x)|/δ, u a unit Gaussian direction per image (stream (seed, 99)). */
    static double[] sensitivity(Sequential net, Dataset data, long seed) {
        Tensor x = all(data);
        int n = data.size();
        int pixels = x.size() / n;
        float[] u = new float[x.size()];
        ContinuousSampler g = RandomStreams.gaussian(seed, 99);
        for (int i = 0; i < n; i++) {
            double norm = 0;
            for (int j = 0; j < pixels; j++) {
                u[i * pixels + j] = (float) g.sample();
                norm += (double) u[i * pixels + j] * u[i * pixels + j];
            }
            for (int j = 0; j < pixels; j++) {
                u[i * pixels + j] /= (float) Math.sqrt(norm);
            }
        }
        float[] base = net.forward(x, false).copy().data();
        double[] out = new double[DELTAS.length];
        for (int d = 0; d < DELTAS.length; d++) {
            Tensor moved = x.copy();
            float[] m = moved.data();
            for (int i = 0; i < m.length; i++) {
                m[i] += (float) (DELTAS[d] * u[i]);
            }
            float[] y = net.forward(moved, false).data();
            for (int i = 0; i < n; i++) {
                double sq = 0;
                double du = 0;
                for (int c = 0; c < 10; c++) {
                    double diff = y[i * 10 + c] - base[i * 10 + c];
                    sq += diff * diff;
                }
                for (int j = 0; j < pixels; j++) {
                    double step = m[i * pixels + j] - x.data()[i * pixels + j];
                    du += step * step;
                }
                // The realised input change (after float rounding), not the nominal δ.
                out[d] += Math.sqrt(sq) / Math.sqrt(du) / n;
            }
        }
        return out;
    }
}
