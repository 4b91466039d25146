package org.sde4j.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.random.RandomStreams;

/**
 * Spectral normalisation: the normalised weight has spectral norm 1 (against an SVD), and the backward pass matches
 * central finite differences of the evaluation-mode forward pass (u and v fixed, σ = uᵀVv).
 */
class SpectralNormTest {
    /** The largest singular value of a weight viewed as {@code [shape[0], rest]}, by EJML's SVD. */
    static double svdNorm(Tensor w) {
        int rows = w.dim(0);
        int cols = w.size() / rows;
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < w.size(); i++) {
            m.data[i] = w.data()[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("SVD failed");
        }
        double max = 0;
        for (double s : svd.getSingularValues()) {
            max = Math.max(max, s);
        }
        return max;
    }

    @Test
    void normalisedDenseWeightHasSpectralNormOne() {
        Dense d = new Dense("d", 12, 7, RandomStreams.stream(3, 0));
        double before = svdNorm(d.weight().value());
        SpectralNorm sn = SpectralNorm.of(d, RandomStreams.stream(3, 1));
        Tensor x = GradCheck.random(new SplittableRandom(1), 4, 12);
        for (int i = 0; i < 100; i++) {
            sn.forward(x, true);
        }
        // Power iteration approaches σ from below, at the rate (σ₂/σ₁)^(2k).
        assertEquals(before, sn.sigma(), 1e-3 * before, "σ estimate against the SVD");
        assertTrue(sn.sigma() <= before * (1 + 1e-6));
        assertEquals(1.0, svdNorm(d.weight().value()), 1e-3);
        assertEquals(before, svdNorm(sn.rawWeight().value()), 1e-6 * before, "V is not modified by forward");
    }

    @Test
    void normalisedConvKernelHasSpectralNormOne() {
        Conv2d c = new Conv2d("c", 3, 4, 3, 1, 1, RandomStreams.stream(4, 0));
        SpectralNorm sn = SpectralNorm.of(c, RandomStreams.stream(4, 1));
        Tensor x = GradCheck.random(new SplittableRandom(2), 3, 2, 5, 5);
        for (int i = 0; i < 100; i++) {
            sn.forward(x, true);
        }
        assertEquals(1.0, svdNorm(c.weight().value()), 1e-3);
    }

    @Test
    void evaluationDoesNotMoveU() {
        Dense d = new Dense("d", 6, 5, RandomStreams.stream(5, 0));
        SpectralNorm sn = SpectralNorm.of(d, RandomStreams.stream(5, 1));
        Tensor x = GradCheck.random(new SplittableRandom(3), 2, 6);
        sn.forward(x, true);
        float[] u = sn.buffers().get(0).data().clone();
        sn.forward(x, false);
        sn.forward(x, false);
        assertEquals(java.util.Arrays.toString(u), java.util.Arrays.toString(sn.buffers().get(0).data()));
    }

    @Test
    void paramsReplaceTheWeightByV() {
        Dense d = new Dense("d", 6, 5, RandomStreams.stream(6, 0));
        SpectralNorm sn = SpectralNorm.of(d, RandomStreams.stream(6, 1));
        List<Param> p = sn.params();
        assertEquals(2, p.size());
        assertSame(sn.rawWeight(), p.get(0));
        assertNotSame(d.weight(), p.get(0));
        assertEquals("d.weight", p.get(0).name());
        assertSame(d.bias(), p.get(1));
        assertEquals(2, sn.buffers().size(), "u and v");
    }

    @Test
    void denseGradientMatchesFiniteDifferences() {
        SpectralNorm sn = SpectralNorm.of(new Dense("d", 7, 5, RandomStreams.stream(7, 0)), RandomStreams.stream(7, 1));
        Tensor x = GradCheck.random(new SplittableRandom(4), 3, 7);
        for (int i = 0; i < 3; i++) {
            sn.forward(x, true);
        }
        GradCheck.check(sn, x, false, 11);
    }

    @Test
    void convGradientMatchesFiniteDifferences() {
        SpectralNorm sn = SpectralNorm.of(new Conv2d("c", 2, 3, 3, 1, 1, RandomStreams.stream(8, 0)),
                RandomStreams.stream(8, 1));
        Tensor x = GradCheck.random(new SplittableRandom(5), 2, 2, 4, 4);
        sn.forward(x, true);
        GradCheck.check(sn, x, false, 12);
    }
}
