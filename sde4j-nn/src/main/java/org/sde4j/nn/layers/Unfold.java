package org.sde4j.nn.layers;

import org.sde4j.nn.Simd;

/**
 * The adjoint ("col2im") of the unfolding ("im2col") of images for a k × k convolution with stride s and padding
 * p, where row {@code (c·k + u)·k + v} of the unfolded matrix holds, for each output position (i, j), the input
 * value {@code x[c, i·s − p + u, j·s − p + v]} (zero outside the image). The input gradient of a strided
 * convolution is {@code col2im(Wᵀ · dY)}; the unfolding itself is never formed ({@link ShiftedConvolution}).
 */
final class Unfold {
    private final int k;
    private final int stride;
    private final int pad;

    Unfold(int k, int stride, int pad) {
        this.k = k;
        this.stride = stride;
        this.pad = pad;
    }

    /** The adjoint of the unfolding: sums the columns into image {@code img} of {@code dxd} (overwritten). */
    void col2im(int channels, float[] col, int colOff, int ld, float[] dxd, int n, int img, int h, int w, int oh,
            int ow) {
        for (int c = 0; c < channels; c++) {
            int plane = (c * n + img) * h * w;
            java.util.Arrays.fill(dxd, plane, plane + h * w, 0f);
            for (int u = 0; u < k; u++) {
                for (int v = 0; v < k; v++) {
                    int row = ((c * k + u) * k + v) * ld + colOff;
                    int jLo = firstInside(v, w, ow);
                    int jHi = lastInside(v, w, ow);
                    for (int i = 0; i < oh; i++) {
                        int ih = i * stride - pad + u;
                        if (ih < 0 || ih >= h) {
                            continue;
                        }
                        int r = row + i * ow;
                        int dst = plane + ih * w - pad + v;
                        if (stride == 1) {
                            Simd.addTo(dxd, dst + jLo, col, r + jLo, jHi - jLo + 1);
                        } else {
                            for (int j = jLo; j <= jHi; j++) {
                                dxd[dst + j * stride] += col[r + j];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The first output column j with {@code 0 ≤ j·s − p + v}. */
    private int firstInside(int v, int w, int ow) {
        int j = 0;
        while (j < ow && j * stride - pad + v < 0) {
            j++;
        }
        return j;
    }

    /** The last output column j with {@code j·s − p + v < w}. */
    private int lastInside(int v, int w, int ow) {
        int j = ow - 1;
        while (j >= 0 && j * stride - pad + v >= w) {
            j--;
        }
        return j;
    }
}
