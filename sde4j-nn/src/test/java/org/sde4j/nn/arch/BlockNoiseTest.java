package org.sde4j.nn.arch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.Conv2d;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.layers.Tanh;
import org.sde4j.random.NoiseModels;
import org.sde4j.random.RandomStreams;
import org.sde4j.solver.scheme.WeakSchemes;

/** Block noise is a core {@link org.sde4j.random.NoiseModel}, centred, laid out per batch, image or activation. */
class BlockNoiseTest {
    private static final Tensor X = Tensor.zeros(2, 5, 3, 3);

    private static UniformRandomProvider rng() {
        return RandomStreams.stream(42, 7);
    }

    /** The formulas of the closed enum this replaced, bit for bit (stochastic depth, shake-shake, Gaussians). */
    @Test
    void theRegisteredLawsDrawWhatTheirHandWrittenFormulasDrew() {
        double p = 0.7;
        UniformRandomProvider old = rng();
        double[] expected = new double[8];
        for (int i = 0; i < 8; i++) {
            expected[i] = (old.nextDouble() < p ? 1 : 0) - p;
        }
        UniformRandomProvider now = rng();
        for (int i = 0; i < 8; i++) {
            assertArrayEquals(new double[] {expected[i]}, BlockNoise.perBatch(NoiseModels.bernoulli(p)).forward(now, X));
        }

        old = rng();
        double[] uniform = new double[5];
        for (int i = 0; i < 5; i++) {
            uniform[i] = old.nextDouble() - 0.5;
        }
        assertArrayEquals(uniform, BlockNoise.perSample(NoiseModels.uniform()).redrawnForBackward().forward(rng(), X));

        ZigguratSampler.NormalizedGaussian g = ZigguratSampler.NormalizedGaussian.of(rng());
        double[] gaussian = new double[X.size()];
        for (int i = 0; i < gaussian.length; i++) {
            gaussian[i] = g.sample();
        }
        assertArrayEquals(gaussian, BlockNoise.perElement(NoiseModels.gaussian()).forward(rng(), X));
    }

    @Test
    void shapesMeanFieldAndMoments() {
        assertEquals(1, BlockNoise.perBatch(NoiseModels.uniform()).forward(rng(), X).length);
        assertEquals(5, BlockNoise.perSample(NoiseModels.uniform()).forward(rng(), X).length);
        assertEquals(X.size(), BlockNoise.perElement(NoiseModels.uniform()).forward(rng(), X).length);
        assertArrayEquals(new double[] {0}, BlockNoise.perElement(NoiseModels.gaussian()).forward(null, X));
        assertArrayEquals(new double[] {0}, BlockNoise.none().forward(rng(), X));
        assertFalse(BlockNoise.none().independentBackward());

        // Centred: ξ = η − E η has mean 0 and the law's variance (10⁴ draws, 5 standard errors).
        UniformRandomProvider r = rng();
        BlockNoise gate = BlockNoise.perBatch(NoiseModels.bernoulli(0.3));
        double sum = 0;
        double sumSq = 0;
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            double xi = gate.forward(r, X)[0];
            sum += xi;
            sumSq += xi * xi;
        }
        double sd = Math.sqrt(0.21);
        assertEquals(0, sum / n, 5 * sd / Math.sqrt(n));
        assertEquals(0.21, sumSq / n, 0.02);
    }

    @Test
    void badValuesAreRefusedWithWhatIsAllowed() {
        assertTrue(assertThrows(NullPointerException.class, () -> BlockNoise.perSample(null)).getMessage()
                .contains("law = null"));
        assertTrue(assertThrows(NullPointerException.class, () -> new BlockNoise(NoiseModels.uniform(), null, false))
                .getMessage().contains("PER_SAMPLE"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BlockNoise(null, BlockNoise.Shape.PER_BATCH,
                true)).getMessage().contains("independentBackward"));
    }

    /**
     * With the law open, a block can be a step of Platen's weak order-2 scheme driven by its own three-point
     * increments (±√3 w.p. 1/6 each, 0 w.p. 2/3, h = 1): the network stage takes any tableau and any noise model.
     */
    @Test
    void aPlatenWeakTwoBlockRunsOnThreePointNoise() {
        Layer f = new Sequential(List.of(new Tanh(), new Conv2d("f", 2, 2, 3, 1, 1, RandomStreams.stream(1, 0))));
        Layer g = new Sequential(List.of(new Tanh(), new Conv2d("g", 2, 2, 3, 1, 1, RandomStreams.stream(1, 1))));
        LayerField field = new LayerField(List.of(f, g), new double[] {1, 0}, new double[] {0, 0.1});
        BlockNoise threePoint = BlockNoise.perElement(NoiseModels.threePoint());
        for (double xi : threePoint.forward(rng(), X)) {
            assertTrue(xi == 0 || Math.abs(Math.abs(xi) - Math.sqrt(3)) < 1e-15, "three-point value " + xi);
        }
        SchemeStage stage = new SchemeStage(WeakSchemes.PLATEN_WEAK_2.tableau(), List.of(field), List.of(threePoint),
                null, 3, 0);
        Tensor x = Tensor.zeros(2, 4, 3, 3);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) Math.sin(i);
        }
        stage.noiseKey(5);
        float[] y = stage.forward(x, true).data().clone();
        float[] meanField = stage.forward(x, false).data().clone();
        assertFalse(java.util.Arrays.equals(y, meanField), "the noise moves the state");
        stage.noiseKey(5);
        assertArrayEquals(y, stage.forward(x, true).data(), "same key, same draws");
        Tensor dy = Tensor.zeros(y.length);
        java.util.Arrays.fill(dy.data(), 1f);
        Tensor dx = stage.backward(dy.reshape(2, 4, 3, 3));
        assertEquals(x.size(), dx.size());
        for (float v : dx.data()) {
            assertTrue(Float.isFinite(v));
        }
    }
}
