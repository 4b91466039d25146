package org.sde4j.nn.lipschitz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.BatchNorm;
import org.sde4j.nn.layers.Conv2d;
import org.sde4j.nn.layers.Dense;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Relu;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.random.RandomStreams;

/** Lipschitz estimates against singular values computed by EJML's SVD from explicit matrices. */
class LipschitzTest {
    static double largestSingularValue(double[][] a) {
        DMatrixRMaj m = new DMatrixRMaj(a);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false,
                false, true);
        assertTrue(svd.decompose(m));
        double max = 0;
        for (double s : svd.getSingularValues()) {
            max = Math.max(max, s);
        }
        return max;
    }

    static Tensor random(long seed, int... shape) {
        SplittableRandom r = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) r.nextGaussian();
        }
        return t;
    }

    /** The matrix of a linear layer on one input of the given shape: column j = f(e_j) − f(0). */
    static double[][] matrixOf(Layer layer, int[] shape) {
        Tensor zero = Tensor.zeros(shape);
        float[] f0 = layer.forward(zero, false).copy().data();
        int n = zero.size();
        double[][] a = new double[f0.length][n];
        for (int j = 0; j < n; j++) {
            Tensor e = Tensor.zeros(shape);
            e.data()[j] = 1;
            float[] y = layer.forward(e, false).data();
            for (int i = 0; i < f0.length; i++) {
                a[i][j] = y[i] - f0[i];
            }
        }
        return a;
    }

    @Test
    void denseOperatorNormIsTheLargestSingularValue() {
        Dense d = new Dense("d", 9, 6, RandomStreams.stream(1, 0));
        d.bias().value().data()[2] = 0.5f;
        double exact = largestSingularValue(matrixOf(d, new int[] {1, 9}));
        assertEquals(exact, Lipschitz.operatorNorm(d, new int[] {1, 9}, 200, 1), 1e-5 * exact);
        assertEquals(exact, Lipschitz.matrixNorm(d.weight().value(), 200), 1e-6 * exact);
        // The Jacobian of an affine map is its matrix at every input, for every sample.
        for (double s : Lipschitz.jacobianNorms(d, random(2, 4, 9), 200, 3)) {
            assertEquals(exact, s, 1e-3 * exact);
        }
    }

    @Test
    void convOperatorNormMatchesTheSvdOfTheConvolutionMatrix() {
        for (int stride : new int[] {1, 2}) {
            Conv2d c = new Conv2d("c", 2, 3, 3, stride, 1, RandomStreams.stream(2, stride));
            int[] shape = {2, 1, 6, 5};
            double exact = largestSingularValue(matrixOf(c, shape));
            double estimate = Lipschitz.operatorNorm(c, shape, 1000, 1);
            assertEquals(exact, estimate, 1e-3 * exact, "stride " + stride);
            assertTrue(estimate <= exact * (1 + 1e-5), "power iteration approaches σ from below");
            // The operator norm is at most k times the norm of the reshaped kernel (Tsuzuku et al. 2018).
            assertTrue(exact <= 3 * Lipschitz.matrixNorm(c.weight().value(), 200));
        }
    }

    @Test
    void jacobianNormsOfChannelMajorBatchesArePerImage() {
        // A convolution is linear: every image of the batch has the operator norm as its local constant.
        Conv2d c = new Conv2d("c", 2, 3, 3, 1, 1, RandomStreams.stream(9, 0));
        double exact = largestSingularValue(matrixOf(c, new int[] {2, 1, 5, 4}));
        double[] norms = Lipschitz.jacobianNorms(c, random(3, 2, 3, 5, 4), 600, 2);
        assertEquals(3, norms.length);
        for (double s : norms) {
            assertEquals(exact, s, 2e-3 * exact);
        }
    }

    @Test
    void jacobianOfAReluNetworkIsItsActiveLinearPiece() {
        Dense a = new Dense("a", 5, 8, RandomStreams.stream(3, 0));
        Dense b = new Dense("b", 8, 4, RandomStreams.stream(3, 1));
        a.bias().value().data()[1] = 0.3f;
        Sequential net = new Sequential(List.of(a, new Relu(), b));
        Tensor x = random(4, 3, 5);
        double[] norms = Lipschitz.jacobianNorms(net, x, 200, 5);
        float[] wa = a.weight().value().data();
        float[] wb = b.weight().value().data();
        for (int s = 0; s < 3; s++) {
            // J = (W_a D W_b)ᵀ with D the ReLU mask of sample s (row-vector convention y = x W + b).
            double[][] j = new double[4][5];
            for (int h = 0; h < 8; h++) {
                double pre = a.bias().value().data()[h];
                for (int i = 0; i < 5; i++) {
                    pre += x.data()[s * 5 + i] * wa[i * 8 + h];
                }
                if (pre <= 0) {
                    continue;
                }
                for (int o = 0; o < 4; o++) {
                    for (int i = 0; i < 5; i++) {
                        j[o][i] += wa[i * 8 + h] * wb[h * 4 + o];
                    }
                }
            }
            double exact = largestSingularValue(j);
            assertEquals(exact, norms[s], 1e-3 * exact, "sample " + s);
            assertTrue(norms[s] <= Lipschitz.upperBound(net, new int[] {1, 5}, 200) * (1 + 1e-6));
        }
    }

    @Test
    void residualBoundAddsTheShortcut() {
        Dense f = new Dense("f", 6, 6, RandomStreams.stream(5, 0));
        double lf = Lipschitz.operatorNorm(f, new int[] {1, 6}, 200, 1);
        assertEquals(1 + lf, Lipschitz.residualBound(f, null, new int[] {1, 6}, 200), 1e-9);
    }

    @Test
    void gradientsAreLeftAsTheyWere() {
        Dense d = new Dense("d", 4, 3, RandomStreams.stream(6, 0));
        d.weight().grad().data()[0] = 7f;
        Lipschitz.jacobianNorms(d, random(1, 2, 4), 5, 1);
        Lipschitz.operatorNorm(d, new int[] {1, 4}, 5, 1);
        assertEquals(7f, d.weight().grad().data()[0]);
        assertEquals(0f, d.weight().grad().data()[1]);
    }

    @Test
    void badArgumentsAreNamed() {
        Dense d = new Dense("d", 4, 3, RandomStreams.stream(7, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Lipschitz.jacobianNorms(d, random(1, 2, 4), 0, 1));
        assertEquals("iterations = 0: must be at least 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Lipschitz.upperBound(new BatchNorm("b", 2, false), new int[] {2, 1, 3, 3}, 10));
        assertTrue(e.getMessage().startsWith("layer BatchNorm: no Lipschitz bound"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Lipschitz.operatorNorm(d, new int[] {2, 4}, 10, 1));
        assertTrue(e.getMessage().contains("batch dimension must be 1"), e.getMessage());
    }
}
