package org.sde4j.brownian;

/**
 * The pending Brownian bridges of one query of {@link LaneBrownianPaths}, and their law: for bridge b, the times of
 * its left and right kept points and of the new point, W and K of each channel at the two kept points, the normals
 * Z₁ (and Z₂ with Lévy area), and the new point's W and K, which {@link #draw} (many bridges, in loops the JIT
 * vectorises) or {@link #drawOne} (one bridge) form. The law is the one {@link LaneBrownianPaths} states: a point
 * at {@code x = a + rΔ} ({@code q = 1 − r}) between kept points a and b with increment W and Lévy area H has
 * increment {@code W₁ = r W + 6 r q H + σ_W Z₁} and Lévy area {@code H₁ = r² H + λ Z₁ + σ_H Z₂} from a, with
 * {@code σ_W = √(Δ r q (1 − 3rq))}, {@code λ = −r² σ_W / (2(1 − 3rq))},
 * {@code σ_H² = Δ (r (1 − r³)/12 − q r⁵ / (4(1 − 3rq)))}; without Lévy area {@code W₁ = r W + √(Δ r q) Z₁}.
 * Both forms do the same operations on the same values in the same order, so they give the same bits.
 *
 * <p>Rows are indexed by the bridge b; the two-dimensional ones by channel first ({@code leftW[j][b]}), so every loop
 * reads rows at one index. Package-private: the state of one {@code LaneBrownianPaths}, thread-confined.
 */
final class BridgeBatch {
    private final int m;
    private final boolean levy;
    /** Per bridge b: the times of its left and right kept points and of its new point. */
    final double[] leftTime;
    final double[] rightTime;
    final double[] pointTime;
    /** Per channel j and bridge b: W, K at the two kept points, the normals, the new point's W and K. */
    final double[][] leftW;
    final double[][] leftK;
    final double[][] rightW;
    final double[][] rightK;
    final double[][] z1;
    final double[][] z2;
    final double[][] newW;
    final double[][] newK;
    // Per bridge, the coefficients of the law: Δ, 1/Δ, the new point's offset rΔ, r, q, rq, 6rq, r², 1 − 3rq and
    // its inverse, σ_W, λ, the two terms of σ_H² / Δ, σ_H.
    private final double[] delta;
    private final double[] inverse;
    private final double[] s;
    private final double[] r;
    private final double[] complement;
    private final double[] rq;
    private final double[] rq6;
    private final double[] r2;
    private final double[] oneMinusThreeRq;
    private final double[] inverseC;
    private final double[] sdW;
    private final double[] loading;
    private final double[] varianceFirst;
    private final double[] varianceSecond;
    private final double[] sdH;
    /** One channel's bridge increment W and Lévy area H, and the new point's W₁ and H₁. */
    private final double[] increment;
    private final double[] area;
    private final double[] newIncrement;
    private final double[] newArea;

    /** Room for {@code capacity} bridges of m channels. */
    BridgeBatch(int capacity, int m, boolean levy) {
        this.m = m;
        this.levy = levy;
        this.leftTime = new double[capacity];
        this.rightTime = new double[capacity];
        this.pointTime = new double[capacity];
        this.leftW = new double[m][capacity];
        this.leftK = new double[m][capacity];
        this.rightW = new double[m][capacity];
        this.rightK = new double[m][capacity];
        this.z1 = new double[m][capacity];
        this.z2 = new double[m][capacity];
        this.newW = new double[m][capacity];
        this.newK = new double[m][capacity];
        this.delta = new double[capacity];
        this.inverse = new double[capacity];
        this.s = new double[capacity];
        this.r = new double[capacity];
        this.complement = new double[capacity];
        this.rq = new double[capacity];
        this.rq6 = new double[capacity];
        this.r2 = new double[capacity];
        this.oneMinusThreeRq = new double[capacity];
        this.inverseC = new double[capacity];
        this.sdW = new double[capacity];
        this.loading = new double[capacity];
        this.varianceFirst = new double[capacity];
        this.varianceSecond = new double[capacity];
        this.sdH = new double[capacity];
        this.increment = new double[capacity];
        this.area = new double[capacity];
        this.newIncrement = new double[capacity];
        this.newArea = new double[capacity];
    }

    /**
     * The pending bridges' new values, every lane at once (the law in the class comment). Each quantity has its own
     * loop of a few operations over the bridges: the compiler turns loops that short into vector instructions (its
     * unrolling budget, about 60 nodes, would leave a longer body scalar), so four bridges' divisions and roots run
     * in one instruction. The arithmetic per bridge, and so its bits, is that of {@link OnDemandBrownianPath}.
     */
    void draw(int bridges) {
        for (int b = 0; b < bridges; b++) {
            delta[b] = rightTime[b] - leftTime[b];
        }
        for (int b = 0; b < bridges; b++) {
            inverse[b] = 1.0 / delta[b];
        }
        for (int b = 0; b < bridges; b++) {
            s[b] = pointTime[b] - leftTime[b];
        }
        for (int b = 0; b < bridges; b++) {
            r[b] = s[b] * inverse[b];
        }
        for (int b = 0; b < bridges; b++) {
            complement[b] = (rightTime[b] - pointTime[b]) * inverse[b];
        }
        if (!levy) {
            for (int b = 0; b < bridges; b++) {
                sdW[b] = Math.sqrt(delta[b] * r[b] * complement[b]);
            }
            for (int j = 0; j < m; j++) {
                double[] left = leftW[j];
                double[] right = rightW[j];
                double[] z = z1[j];
                double[] out = newW[j];
                for (int b = 0; b < bridges; b++) {
                    out[b] = left[b] + r[b] * (right[b] - left[b]) + sdW[b] * z[b];
                }
            }
            return;
        }
        drawLevyCoefficients(bridges);
        for (int j = 0; j < m; j++) {
            drawLevyChannel(leftW[j], leftK[j], rightW[j], rightK[j], z1[j], z2[j], newW[j], newK[j], bridges);
        }
    }

    /**
     * The coefficients of the law with Lévy area: Z₁ drives W₁ (σ_W) and part of H₁ (λ = Cov/σ_W), Z₂ the rest (σ_H,
     * formed without σ_W so both roots run at once).
     */
    private void drawLevyCoefficients(int bridges) {
        for (int b = 0; b < bridges; b++) {
            rq[b] = r[b] * complement[b];
        }
        for (int b = 0; b < bridges; b++) {
            oneMinusThreeRq[b] = 1 - 3 * rq[b];
        }
        for (int b = 0; b < bridges; b++) {
            inverseC[b] = 1.0 / oneMinusThreeRq[b];
        }
        for (int b = 0; b < bridges; b++) {
            r2[b] = r[b] * r[b];
        }
        for (int b = 0; b < bridges; b++) {
            sdW[b] = Math.sqrt(delta[b] * rq[b] * oneMinusThreeRq[b]);
        }
        for (int b = 0; b < bridges; b++) {
            rq6[b] = 6 * rq[b];
        }
        for (int b = 0; b < bridges; b++) {
            loading[b] = -0.5 * r2[b] * sdW[b] * inverseC[b];
        }
        for (int b = 0; b < bridges; b++) {
            varianceFirst[b] = r[b] * (1 - r2[b] * r[b]) / 12;
        }
        for (int b = 0; b < bridges; b++) {
            varianceSecond[b] = 0.25 * complement[b] * r2[b] * r2[b] * r[b] * inverseC[b];
        }
        for (int b = 0; b < bridges; b++) {
            sdH[b] = Math.sqrt(Math.max(0.0, delta[b] * (varianceFirst[b] - varianceSecond[b])));
        }
    }

    /** The new W and K of one channel, from the coefficients, W and K at the bridges' ends and the normals. */
    private void drawLevyChannel(double[] wLeft, double[] kLeft, double[] wRight, double[] kRight, double[] first,
            double[] second, double[] wNew, double[] kNew, int bridges) {
        for (int b = 0; b < bridges; b++) {
            increment[b] = wRight[b] - wLeft[b];
        }
        for (int b = 0; b < bridges; b++) {
            area[b] = (kRight[b] - kLeft[b] - delta[b] * wLeft[b]) * inverse[b] - 0.5 * increment[b];
        }
        for (int b = 0; b < bridges; b++) {
            newIncrement[b] = r[b] * increment[b] + rq6[b] * area[b] + sdW[b] * first[b];
        }
        for (int b = 0; b < bridges; b++) {
            newArea[b] = r2[b] * area[b] + loading[b] * first[b] + sdH[b] * second[b];
        }
        for (int b = 0; b < bridges; b++) {
            wNew[b] = wLeft[b] + newIncrement[b];
        }
        for (int b = 0; b < bridges; b++) {
            kNew[b] = kLeft[b] + s[b] * (wLeft[b] + 0.5 * newIncrement[b] + newArea[b]);
        }
    }

    /**
     * Bridge b alone, every quantity in one pass: for a handful of bridges (a path queried on its own, {@link
     * OnDemandBrownianPath}), where the set-up of the short loops of {@link #draw} would cost more than their
     * work. The same operations on the same values in the same order as those loops, so the same bits
     * ({@code LaneBrownianPathsTest} compares the two on every query).
     */
    void drawOne(int b) {
        double d = rightTime[b] - leftTime[b];
        double inv = 1.0 / d;
        double sb = pointTime[b] - leftTime[b];
        double rb = sb * inv;
        double qb = (rightTime[b] - pointTime[b]) * inv;
        if (!levy) {
            double sw = Math.sqrt(d * rb * qb);
            for (int j = 0; j < m; j++) {
                newW[j][b] = leftW[j][b] + rb * (rightW[j][b] - leftW[j][b]) + sw * z1[j][b];
            }
            return;
        }
        double rq = rb * qb;
        double c = 1 - 3 * rq;
        double ic = 1.0 / c;
        double rr = rb * rb;
        double sw = Math.sqrt(d * rq * c);
        double rq6b = 6 * rq;
        double load = -0.5 * rr * sw * ic;
        double first = rb * (1 - rr * rb) / 12;
        double second = 0.25 * qb * rr * rr * rb * ic;
        double sh = Math.sqrt(Math.max(0.0, d * (first - second)));
        for (int j = 0; j < m; j++) {
            double w0 = leftW[j][b];
            double k0 = leftK[j][b];
            double w = rightW[j][b] - w0;
            double h = (rightK[j][b] - k0 - d * w0) * inv - 0.5 * w;
            double w1 = rb * w + rq6b * h + sw * z1[j][b];
            double h1 = rr * h + load * z1[j][b] + sh * z2[j][b];
            newW[j][b] = w0 + w1;
            newK[j][b] = k0 + sb * (w0 + 0.5 * w1 + h1);
        }
    }
}
