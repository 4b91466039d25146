package org.sde4j.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sde4j.nn.Tensor;
import org.sde4j.random.RandomStreams;

/** Every layer's backward pass against central finite differences ({@link GradCheck} states the tolerance). */
class GradientCheckTest {
    private final SplittableRandom r = new SplittableRandom(20261127);

    @Test
    void dense() {
        GradCheck.check(new Dense("d", 7, 5, RandomStreams.stream(1, 0)), GradCheck.random(r, 3, 7), true, 1);
    }

    @Test
    void convolutionStrideOnePaddingOne() {
        GradCheck.check(new Conv2d("c", 2, 3, 3, 1, 1, RandomStreams.stream(1, 1)), GradCheck.random(r, 2, 2, 5, 5),
                true, 2);
    }

    @Test
    void convolutionFiveByFiveSameSizeOverManyImages() {
        // Same-size (padding 2): the shifted-view product; 40 images in several chunks, 7 × 6 images.
        GradCheck.check(new Conv2d("c", 2, 3, 5, 1, 2, RandomStreams.stream(1, 6)), GradCheck.random(r, 2, 40, 7, 6),
                true, 6);
    }

    @Test
    void convolutionOneByOneStrideOne() {
        // Same-size with no padding: every view is the plane itself.
        GradCheck.check(new Conv2d("c", 3, 2, 1, 1, 0, RandomStreams.stream(1, 7)), GradCheck.random(r, 3, 4, 5, 3),
                true, 7);
    }

    @Test
    void convolutionStrideTwoPaddingOne() {
        GradCheck.check(new Conv2d("c", 3, 2, 3, 2, 1, RandomStreams.stream(1, 2)), GradCheck.random(r, 3, 2, 6, 5),
                true, 3);
    }

    @Test
    void convolutionOneByOneStrideTwo() {
        GradCheck.check(new Conv2d("c", 2, 4, 1, 2, 0, RandomStreams.stream(1, 3)), GradCheck.random(r, 2, 3, 6, 6),
                true, 4);
    }

    @Test
    void convolutionFiveByFiveNoPaddingOverManyImages() {
        // 40 images: more than Parallel.MAX_CHUNKS, so the per-chunk weight gradients are summed.
        GradCheck.check(new Conv2d("c", 1, 2, 5, 1, 0, RandomStreams.stream(1, 4)), GradCheck.random(r, 1, 40, 6, 6),
                true, 5);
    }

    @Test
    void firstLayerConvolutionSkipsOnlyTheInputGradient() {
        Tensor x = GradCheck.random(r, 1, 3, 5, 5);
        Conv2d full = new Conv2d("c", 1, 2, 3, 1, 1, RandomStreams.stream(1, 5));
        Conv2d first = new Conv2d("c", 1, 2, 3, 1, 1, RandomStreams.stream(1, 5), false);
        Tensor dy = GradCheck.random(r, 2, 3, 5, 5);
        full.forward(x, true);
        full.backward(dy);
        first.forward(x, true);
        assertEquals(null, first.backward(dy));
        assertTrue(java.util.Arrays.equals(full.weight().grad().data(), first.weight().grad().data()));
    }

    @Test
    void batchNormTraining() {
        BatchNorm bn = new BatchNorm("bn", 3, false);
        randomiseAffine(bn);
        GradCheck.check(bn, GradCheck.random(r, 3, 4, 3, 3), true, 6);
    }

    @Test
    void batchNormWithFusedReluTraining() {
        BatchNorm bn = new BatchNorm("bn", 2, true);
        randomiseAffine(bn);
        GradCheck.check(bn, GradCheck.random(r, 2, 3, 4, 4), true, 7);
    }

    @Test
    void batchNormEvaluationUsesRunningStatistics() {
        BatchNorm bn = new BatchNorm("bn", 2, false);
        randomiseAffine(bn);
        Tensor x = GradCheck.random(r, 2, 5, 3, 3);
        for (int i = 0; i < 3; i++) {
            bn.forward(x, true);
        }
        GradCheck.check(bn, x, false, 8);
    }

    @Test
    void batchNormRunningStatisticsFollowPyTorch() {
        BatchNorm bn = new BatchNorm("bn", 1, false);
        Tensor x = new Tensor(new float[] {1, 2, 3, 6}, 1, 2, 1, 2);
        Tensor y = bn.forward(x, true);
        // mean 3, biased variance 3.5, unbiased 14/3; running: 0.9·0 + 0.1·3 and 0.9·1 + 0.1·14/3
        assertEquals(0.3, bn.buffers().get(0).data()[0], 1e-6);
        assertEquals(0.9 + 0.1 * 14 / 3.0, bn.buffers().get(1).data()[0], 1e-6);
        assertEquals((1 - 3) / Math.sqrt(3.5 + 1e-5), y.data()[0], 1e-6);
    }

    @Test
    void relu() {
        Tensor x = GradCheck.random(r, 2, 3, 4, 4);
        awayFromZero(x);
        GradCheck.check(new Relu(), x, true, 9);
    }

    @Test
    void maxPool() {
        // Distinct values 0.05 apart, so no window has a tie within ±ε.
        Tensor x = Tensor.zeros(2, 2, 4, 6);
        int[] perm = permutation(x.size());
        for (int i = 0; i < perm.length; i++) {
            x.data()[i] = 0.05f * perm[i] - 1;
        }
        GradCheck.check(Pool2d.max(2, 2), x, true, 10);
    }

    @Test
    void averagePoolOverlapping() {
        GradCheck.check(Pool2d.average(3, 2), GradCheck.random(r, 2, 2, 7, 5), true, 11);
    }

    @Test
    void globalAveragePool() {
        GradCheck.check(new GlobalAvgPool(), GradCheck.random(r, 3, 2, 3, 4), true, 12);
    }

    @Test
    void flatten() {
        GradCheck.check(new Flatten(), GradCheck.random(r, 3, 2, 2, 3), true, 13);
    }

    @Test
    void residualBlockWithProjectionShortcut() {
        Layer branch = new Sequential(List.of(new Conv2d("a", 2, 3, 3, 2, 1, RandomStreams.stream(2, 0)),
                new BatchNorm("b", 3, false), new Conv2d("c", 3, 3, 3, 1, 1, RandomStreams.stream(2, 1))));
        Layer shortcut = new Sequential(List.of(new Conv2d("d", 2, 3, 1, 2, 0, RandomStreams.stream(2, 2)),
                new BatchNorm("e", 3, false)));
        GradCheck.check(new Residual(branch, shortcut), GradCheck.random(r, 2, 3, 4, 4), true, 14);
    }

    @Test
    void residualBlockWithIdentityShortcut() {
        BatchNorm bn = new BatchNorm("b", 2, false);
        // β = 3 keeps most outputs of the final ReLU away from its kink, so few coordinates are skipped.
        java.util.Arrays.fill(bn.params().get(1).value().data(), 3f);
        Layer branch = new Sequential(List.of(new Conv2d("a", 2, 2, 3, 1, 1, RandomStreams.stream(3, 0)), bn));
        GradCheck.check(new Residual(branch, null), GradCheck.random(r, 2, 3, 4, 4), true, 15);
    }

    @Test
    void softmaxCrossEntropy() {
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        Tensor z = GradCheck.random(r, 4, 5);
        int[] labels = {0, 3, 4, 1};
        ce.forward(z, labels);
        float[] g = ce.gradient().data().clone();
        for (int i = 0; i < z.size(); i++) {
            float keep = z.data()[i];
            double h = 1e-3;
            z.data()[i] = (float) (keep + h);
            double lp = ce.forward(z, labels);
            z.data()[i] = (float) (keep - h);
            double lm = ce.forward(z, labels);
            z.data()[i] = keep;
            double numeric = (lp - lm) / (2 * h);
            assertEquals(numeric, g[i], 1e-4, "dL/dz[" + i + "]");
        }
        // the loss itself: −log softmax of the label
        Tensor one = new Tensor(new float[] {0, (float) Math.log(3)}, 1, 2);
        assertEquals(Math.log(4), ce.forward(one, new int[] {0}), 1e-6);
        assertEquals(0, ce.correct());
    }

    @Test
    void heInitialisationHasVarianceTwoOverFanIn() {
        Tensor w = Tensor.zeros(200, 50);
        Init.heNormal(w, 50, RandomStreams.stream(5, 0));
        double s = 0;
        for (float v : w.data()) {
            s += v * v;
        }
        double var = s / w.size();
        // 10 000 draws: the sample variance has relative sd sqrt(2/10000) ≈ 1.4 %; 6 % is > 4 sd.
        assertEquals(2.0 / 50, var, 0.06 * 2.0 / 50);
        Tensor again = Tensor.zeros(200, 50);
        Init.heNormal(again, 50, RandomStreams.stream(5, 0));
        assertTrue(java.util.Arrays.equals(w.data(), again.data()), "seeded");
    }

    private void randomiseAffine(BatchNorm bn) {
        for (float[] d : List.of(bn.params().get(0).value().data(), bn.params().get(1).value().data())) {
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (0.5 + r.nextDouble());
            }
        }
        float[] beta = bn.params().get(1).value().data();
        for (int i = 0; i < beta.length; i++) {
            beta[i] -= 1;
        }
    }

    private static void awayFromZero(Tensor x) {
        float[] d = x.data();
        for (int i = 0; i < d.length; i++) {
            if (Math.abs(d[i]) < 0.05f) {
                d[i] = d[i] < 0 ? -0.05f - d[i] : 0.05f + d[i];
            }
        }
    }

    private int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
