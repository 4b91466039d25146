package org.sde4j.nn.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.nn.Gemm;

/**
 * The same-size convolution on shifted views of a padded copy, against direct loops over the definition:
 * bit for bit against a float chain of fused multiply–adds in the weights' order (which is what the vector
 * kernel computes for each output; the scalar kernel groups four products, so without the vector module the
 * comparison is within round-off), and within round-off against double sums for the weight gradient.
 * Shapes cover k = 1 to 5, strides 1 to 3 (phase planes), no padding and padding wider than the kernel, odd and
 * non-square images, and 28 × 28 batches that span several blocks.
 */
class ShiftedConvolutionTest {
    static Stream<Arguments> shapes() {
        // inC, outC, k, stride, pad, h, w, n, from, to
        return Stream.of(Arguments.of(2, 3, 3, 1, 1, 5, 5, 3, 0, 3), Arguments.of(3, 5, 5, 1, 2, 7, 6, 4, 1, 4),
                Arguments.of(4, 2, 1, 1, 0, 5, 3, 2, 0, 2), Arguments.of(16, 16, 3, 1, 1, 7, 7, 17, 3, 17),
                Arguments.of(8, 8, 3, 1, 1, 28, 28, 20, 0, 20), Arguments.of(1, 8, 3, 1, 1, 28, 28, 3, 0, 3),
                // strided (phase planes), unpadded, even kernels, odd sizes, padding wider than the kernel
                Arguments.of(3, 4, 3, 2, 1, 14, 14, 5, 1, 5), Arguments.of(3, 4, 3, 2, 1, 7, 9, 3, 0, 3),
                Arguments.of(2, 4, 1, 2, 0, 14, 13, 4, 0, 4), Arguments.of(2, 3, 5, 1, 0, 6, 7, 3, 0, 3),
                Arguments.of(2, 2, 4, 3, 1, 11, 10, 2, 0, 2), Arguments.of(1, 2, 2, 2, 0, 6, 6, 40, 5, 40),
                Arguments.of(2, 2, 1, 1, 1, 4, 3, 2, 0, 2), Arguments.of(16, 32, 3, 2, 1, 28, 28, 9, 0, 9));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void outputsAreTheChainOfFusedMultiplyAddsOfTheDefinition(int inC, int outC, int k, int s, int p, int h,
            int w, int n, int from, int to) {
        SplittableRandom r = new SplittableRandom(inC * 1000 + k * 100 + h + 7 * s);
        float[] in = random(r, inC * n * h * w);
        float[] weights = random(r, outC * inC * k * k);
        int oh = (h + 2 * p - k) / s + 1;
        int ow = (w + 2 * p - k) / s + 1;
        float[] out = random(r, outC * n * oh * ow);
        float[] before = out.clone();
        new ShiftedConvolution(k, s, p).convolve(inC, in, outC, weights, out, n, h, w, from, to);
        for (int o = 0; o < outC; o++) {
            for (int img = 0; img < n; img++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        int at = ((o * n + img) * oh + i) * ow + j;
                        if (img < from || img >= to) {
                            assertEquals(before[at], out[at], "images outside [from, to) untouched");
                            continue;
                        }
                        float chain = 0f;
                        double sum = 0;
                        double magnitude = 0;
                        for (int c = 0; c < inC; c++) {
                            for (int u = 0; u < k; u++) {
                                for (int v = 0; v < k; v++) {
                                    int ii = s * i + u - p;
                                    int jj = s * j + v - p;
                                    float x = ii < 0 || ii >= h || jj < 0 || jj >= w ? 0f
                                            : in[((c * n + img) * h + ii) * w + jj];
                                    float wt = weights[o * inC * k * k + (c * k + u) * k + v];
                                    chain = Math.fma(x, wt, chain);
                                    sum += (double) x * wt;
                                    magnitude += Math.abs((double) x * wt);
                                }
                            }
                        }
                        if (Gemm.VECTOR) {
                            assertEquals(Float.floatToIntBits(chain), Float.floatToIntBits(out[at]),
                                    "output " + o + "," + img + "," + i + "," + j);
                        } else {
                            assertEquals(sum, out[at], 1e-5 * magnitude + 1e-30);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void weightGradientIsTheSumOverImagesAndPositions(int inC, int outC, int k, int s, int p, int h, int w, int n,
            int from, int to) {
        SplittableRandom r = new SplittableRandom(7 + inC * 1000 + k * 100 + h + 7 * s);
        int oh = (h + 2 * p - k) / s + 1;
        int ow = (w + 2 * p - k) / s + 1;
        float[] in = random(r, inC * n * h * w);
        float[] dy = random(r, outC * n * oh * ow);
        float[] dw = random(r, outC * inC * k * k);
        new ShiftedConvolution(k, s, p).weightGradient(inC, in, outC, dy, dw, n, h, w, from, to);
        for (int o = 0; o < outC; o++) {
            for (int c = 0; c < inC; c++) {
                for (int u = 0; u < k; u++) {
                    for (int v = 0; v < k; v++) {
                        double sum = 0;
                        double magnitude = 0;
                        for (int img = from; img < to; img++) {
                            for (int i = 0; i < oh; i++) {
                                for (int j = 0; j < ow; j++) {
                                    int ii = s * i + u - p;
                                    int jj = s * j + v - p;
                                    if (ii < 0 || ii >= h || jj < 0 || jj >= w) {
                                        continue;
                                    }
                                    double t = (double) dy[((o * n + img) * oh + i) * ow + j]
                                            * in[((c * n + img) * h + ii) * w + jj];
                                    sum += t;
                                    magnitude += Math.abs(t);
                                }
                            }
                        }
                        float got = dw[o * inC * k * k + (c * k + u) * k + v];
                        assertEquals(sum, got, 1e-5 * magnitude + 1e-30, "dw " + o + "," + c + "," + u + "," + v);
                    }
                }
            }
        }
    }

    /**
     * The same-size backward pass writes the bits of the weight gradient and of the convolution with the flipped
     * kernels done apart, with more input than output channels and fewer, in one block and in several.
     */
    @ParameterizedTest
    @MethodSource("sameSizeShapes")
    void sameSizeBackwardIsTheWeightGradientAndTheFlippedConvolution(int inC, int outC, int k, int h, int w, int n,
            int from, int to) {
        SplittableRandom r = new SplittableRandom(11 + inC * 100 + outC + h);
        int p = (k - 1) / 2;
        float[] in = random(r, inC * n * h * w);
        float[] dy = random(r, outC * n * h * w);
        float[] flipped = random(r, inC * outC * k * k);
        float[] dw = random(r, outC * inC * k * k);
        float[] dx = random(r, inC * n * h * w);
        float[] dwApart = dw.clone();
        float[] dxApart = dx.clone();
        ShiftedConvolution conv = new ShiftedConvolution(k, 1, p);
        conv.sameSizeBackward(inC, in, outC, dy, flipped, dw, dx, n, h, w, from, to);
        conv.weightGradient(inC, in, outC, dy, dwApart, n, h, w, from, to);
        conv.convolve(outC, dy, inC, flipped, dxApart, n, h, w, from, to);
        assertTrue(java.util.Arrays.equals(dwApart, dw), "weight gradient");
        assertTrue(java.util.Arrays.equals(dxApart, dx), "input gradient");
    }

    static Stream<Arguments> sameSizeShapes() {
        // inC, outC, k, h, w, n, from, to
        return Stream.of(Arguments.of(2, 3, 3, 5, 5, 3, 0, 3), Arguments.of(3, 2, 5, 7, 6, 4, 1, 4),
                Arguments.of(4, 2, 1, 5, 3, 2, 0, 2), Arguments.of(16, 16, 3, 28, 28, 20, 2, 20),
                Arguments.of(32, 16, 3, 14, 14, 40, 0, 40));
    }

    @Test
    void sameSizeBackwardRefusesOtherConvolutions() {
        float[] none = new float[64];
        assertThrows(IllegalStateException.class,
                () -> new ShiftedConvolution(3, 2, 1).sameSizeBackward(1, none, 1, none, none, none, none, 1, 4, 4, 0, 1));
    }

    /** The forward pass of a range is the same whether it is done at once or in two calls. */
    @Test
    void outputsDoNotDependOnHowTheImagesAreSplit() {
        SplittableRandom r = new SplittableRandom(3);
        int inC = 8;
        int outC = 8;
        int n = 20;
        float[] in = random(r, inC * n * 28 * 28);
        float[] weights = random(r, outC * inC * 9);
        float[] whole = new float[outC * n * 28 * 28];
        float[] split = new float[whole.length];
        ShiftedConvolution conv = new ShiftedConvolution(3, 1, 1);
        conv.convolve(inC, in, outC, weights, whole, n, 28, 28, 0, n);
        conv.convolve(inC, in, outC, weights, split, n, 28, 28, 0, 7);
        conv.convolve(inC, in, outC, weights, split, n, 28, 28, 7, n);
        assertTrue(java.util.Arrays.equals(whole, split));
    }

    @Test
    void badShapesAreRefusedWithTheValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShiftedConvolution(3, 0, 1));
        assertTrue(e.getMessage().contains("stride = 0"), e.getMessage());
        float[] none = new float[4];
        e = assertThrows(IllegalArgumentException.class,
                () -> new ShiftedConvolution(5, 1, 0).convolve(1, none, 1, new float[25], none, 1, 2, 2, 0, 1));
        assertTrue(e.getMessage().contains("smaller than the kernel 5"), e.getMessage());
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }
}
