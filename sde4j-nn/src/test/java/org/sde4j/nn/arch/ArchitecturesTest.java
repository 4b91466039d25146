package org.sde4j.nn.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.NoisyLayer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.train.Trainer;
import org.sde4j.random.RandomStreams;
import org.sde4j.solver.scheme.EulerMaruyama;

/**
 * Every architecture's backward pass against central differences of its forward pass (at a fixed noise key,
 * with smooth fields so that no ReLU kink spoils the difference quotients), and the equivalences of the
 * issue: lm-resnet with k = 0, stochastic depth with p = 1 and shake-shake with α = ½ are ResNets.
 */
class ArchitecturesTest {
    private static final int[] WIDTHS = {2, 4};

    static List<String> names() {
        return Architectures.NAMES;
    }

    private static Tensor images(long seed, int n, int side) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor x = Tensor.zeros(1, n, side, side);
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }

    private static double loss(Tensor y, double[] w) {
        double s = 0;
        float[] d = y.data();
        for (int i = 0; i < d.length; i++) {
            s += w[i] * d[i];
        }
        return s;
    }

    /**
     * L = Σ r_i y_i over the logits; ε = 1e-2 on float32 parameters, tolerance 3e-3 + 2e-2 |g| (float round-off
     * of L over a few layers is about 1e-5, so the quotient is good to ~1e-3; truncation O(ε²)).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void gradientsMatchCentralDifferences(String arch) {
        Architectures.Options options = Architectures.Options.defaults().withSmooth(true).withFinalSurvival(0.6);
        Sequential net = Architectures.build(arch, WIDTHS, 2, 3, 11, options);
        // Shake-shake trains with an independent backward draw on purpose; its exact gradient is checked in a
        // stochastic evaluation pass, which differentiates the forward noise.
        boolean training = !arch.equals("shake-shake");
        for (NoisyLayer l : Trainer.noisyLayers(net)) {
            l.noiseKey(5);
            l.monteCarlo(!training);
        }
        Tensor x = images(3, 2, 6);
        Tensor y0 = net.forward(x, training);
        SplittableRandom r = new SplittableRandom(17);
        double[] w = new double[y0.size()];
        float[] wf = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = 2 * r.nextDouble() - 1;
            wf[i] = (float) w[i];
        }
        for (Param p : net.params()) {
            p.grad().zero();
        }
        net.forward(x, training);
        // The stem convolution gives no input gradient (its input is data): check the parameters.
        net.backward(new Tensor(wf, y0.shape()));
        int checked = 0;
        for (Param p : net.params()) {
            float[] theta = p.value().data();
            float[] grad = p.grad().data().clone();
            for (int i = 0; i < theta.length; i += 3) {
                float keep = theta[i];
                theta[i] = keep + 1e-2f;
                double up = theta[i] - keep;
                double lp = loss(net.forward(x, training), w);
                theta[i] = keep - 1e-2f;
                double down = keep - theta[i];
                double lm = loss(net.forward(x, training), w);
                theta[i] = keep;
                double numeric = (lp - lm) / (up + down);
                double tol = 3e-3 + 2e-2 * Math.max(Math.abs(numeric), Math.abs(grad[i]));
                assertEquals(numeric, grad[i], tol, arch + " " + p.name() + "[" + i + "]");
                checked++;
            }
        }
        assertTrue(checked > 20, "checked " + checked);
    }

    private static float[] forward(String arch, Architectures.Options options, Tensor x, boolean training) {
        Sequential net = Architectures.build(arch, WIDTHS, 3, 3, 21, options);
        Trainer.noisyLayers(net).forEach(l -> l.noiseKey(9));
        return net.forward(x, training).data().clone();
    }

    @Test
    void lmResnetWithZeroCoefficientsIsResnet() {
        Tensor x = images(4, 3, 8);
        Sequential lm = Architectures.build("lm-resnet", WIDTHS, 3, 3, 21, Architectures.Options.defaults());
        int zeroed = 0;
        for (Param p : lm.params()) {
            if (p.name().endsWith(".k")) {
                assertTrue(p.value().data()[0] <= 0 && p.value().data()[0] >= -0.1, "k initialised in U[−0.1, 0]");
                p.value().data()[0] = 0;
                zeroed++;
            }
        }
        assertEquals(WIDTHS.length * 2, zeroed, "one k per block after the first of each stage");
        float[] resnet = forward("resnet", Architectures.Options.defaults(), x, true);
        float[] two = lm.forward(x, true).data();
        assertArrayEquals(resnet, two, 1e-6f);
    }

    @Test
    void stochasticDepthWithSurvivalOneIsResnet() {
        Tensor x = images(5, 3, 8);
        float[] resnet = forward("resnet", Architectures.Options.defaults(), x, true);
        float[] sd = forward("stochastic-depth", Architectures.Options.defaults().withFinalSurvival(1), x, true);
        assertArrayEquals(resnet, sd, 0f, "p = 1: every block kept, x + F(x)");
        float[] sde = forward("sde-depth", Architectures.Options.defaults().withFinalSurvival(1), x, true);
        assertArrayEquals(resnet, sde, 0f, "p = 1: no diffusion");
    }

    /** Shake-shake's mean-field pass (α = β = ½) is the two-branch ResNet step x + ½F₁(x) + ½F₂(x). */
    @Test
    void shakeShakeAtOneHalfIsATwoBranchResnet() {
        Layer f1 = branch(1);
        Layer f2 = branch(2);
        LayerField field = new LayerField(List.of(f1, f2), new double[] {0.5, 0.5}, new double[] {1, -1});
        SchemeStage stage = new SchemeStage(EulerMaruyama.INSTANCE.tableau(), List.of(field),
                List.of(BlockNoise.perSample(org.sde4j.random.NoiseModels.uniform()).redrawnForBackward()), null, 1, 0);
        Tensor x = images(6, 2, 5).reshape(1, 2, 5, 5);
        Tensor xx = Tensor.zeros(2, 2, 5, 5);
        System.arraycopy(x.data(), 0, xx.data(), 0, x.size());
        System.arraycopy(x.data(), 0, xx.data(), x.size(), x.size());
        float[] y = stage.forward(xx, false).data().clone();
        Layer g1 = branch(1);
        Layer g2 = branch(2);
        float[] a = g1.forward(xx, false).data();
        float[] b = g2.forward(xx, false).data();
        float[] expected = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            expected[i] = xx.data()[i] + 0.5f * a[i] + 0.5f * b[i];
        }
        assertArrayEquals(expected, y, 1e-6f);
        stage.noiseKey(3);
        stage.monteCarlo(true);
        assertFalse(java.util.Arrays.equals(y, stage.forward(xx, false).data()), "a stochastic pass shakes");
    }

    private static Layer branch(long seed) {
        return new Sequential(List.of(new org.sde4j.nn.layers.Tanh(),
                new org.sde4j.nn.layers.Conv2d("c", 2, 2, 3, 1, 1, RandomStreams.stream(seed, 0))));
    }

    /** A dropped stochastic-depth block is the identity and costs neither a forward nor a backward branch pass. */
    @Test
    void droppedBlocksSkipTheirWork() {
        Sequential net = Architectures.build("stochastic-depth", WIDTHS, 4, 3, 2,
                Architectures.Options.defaults().withFinalSurvival(0.2));
        SchemeStage stage = (SchemeStage) net.layers().stream().filter(l -> l instanceof SchemeStage).findFirst()
                .orElseThrow();
        int dropped = 0;
        for (long key = 0; key < 20; key++) {
            stage.noiseKey(key);
            stage.forward(images(key, 4, 6).reshape(2, 2, 6, 6), true);
            for (int n = 0; n < stage.blocks(); n++) {
                dropped += stage.step(n).evaluated(0, 0) ? 0 : 1;
            }
        }
        assertTrue(dropped > 5, dropped + " dropped blocks in 80");
        assertTrue(dropped < 70, dropped + " dropped blocks in 80");
    }

    @Test
    void badOptionsAreRejectedWithTheirValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.build("revnet", new int[] {3}, 1, 3, 1, Architectures.Options.defaults()));
        assertTrue(e.getMessage().contains("even"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Architectures.build("resnet-x", new int[] {4}, 1, 3, 1, Architectures.Options.defaults()));
        assertTrue(e.getMessage().contains("resnet-x"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Architectures.build("stochastic-depth", new int[] {4}, 1,
                3, 1, Architectures.Options.defaults().withFinalSurvival(0)));
        assertTrue(e.getMessage().contains("finalSurvival = 0.0"), e.getMessage());
    }
}
