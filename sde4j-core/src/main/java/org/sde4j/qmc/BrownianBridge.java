package org.sde4j.qmc;

import org.sde4j.sde.Require;

/**
 * The Brownian-bridge construction of a Brownian path on n equal steps of [0, T] from n standard normals, in order of
 * importance (Moskowitz &amp; Caflisch 1996; Glasserman 2004, §3.1.2 and §5.5): normal 0 sets {@code W(T) = √T z₀};
 * then, breadth first, each interval (a, b) of grid indices with {@code b − a ≥ 2} gets its midpoint
 * {@code c = ⌊(a + b)/2⌋} from the conditional law of the bridge,
 * <pre>    W(t_c) = ((t_b − t_c) W(t_a) + (t_c − t_a) W(t_b)) / (t_b − t_a) + √((t_c − t_a)(t_b − t_c)/(t_b − t_a)) z</pre>
 * so normal 1 sets W(T/2), normals 2–3 the quarter points, and so on. With quasi-random normals the leading,
 * best-distributed coordinates carry most of the path's variance. The law of the path is exact for any n.
 *
 * <p>Immutable and thread-safe.
 */
public final class BrownianBridge {
    private final int steps;
    private final double span;
    private final int[] target;
    private final int[] left;
    private final int[] right;
    private final double[] leftWeight;
    private final double[] rightWeight;
    private final double[] sd;

    /**
     * @param steps n ≥ 1
     * @param span  T &gt; 0
     */
    public BrownianBridge(int steps, double span) {
        this.steps = Require.positive("steps", steps);
        this.span = Require.positive("span", span);
        target = new int[steps];
        left = new int[steps];
        right = new int[steps];
        leftWeight = new double[steps];
        rightWeight = new double[steps];
        sd = new double[steps];
        target[0] = steps;
        sd[0] = Math.sqrt(span);
        int[] queueA = new int[2 * steps];
        int[] queueB = new int[2 * steps];
        int head = 0;
        int tail = 0;
        queueA[tail] = 0;
        queueB[tail++] = steps;
        int k = 1;
        while (head < tail) {
            int a = queueA[head];
            int b = queueB[head++];
            if (b - a < 2) {
                continue;
            }
            int c = (a + b) >>> 1;
            target[k] = c;
            left[k] = a;
            right[k] = b;
            leftWeight[k] = (double) (b - c) / (b - a);
            rightWeight[k] = (double) (c - a) / (b - a);
            sd[k] = Math.sqrt(span / steps * (double) (c - a) * (b - c) / (b - a));
            k++;
            queueA[tail] = a;
            queueB[tail++] = c;
            queueA[tail] = c;
            queueB[tail++] = b;
        }
    }

    /** n. */
    public int steps() {
        return steps;
    }

    /** T. */
    public double span() {
        return span;
    }

    /**
     * The increments {@code ΔW_k = W(t_{k+1}) − W(t_k)}, k = 0 … n−1, of the path built from {@code z}.
     *
     * @param z         n standard normals, in order of importance, at {@code z[zOffset + i · zStride]}
     * @param zOffset   index of normal 0
     * @param zStride   distance between consecutive normals
     * @param w         scratch of n + 1 entries (the path W(t_0 … t_n))
     * @param increments receives n increments at {@code increments[incOffset + k · incStride]}
     * @param incOffset  index of increment 0
     * @param incStride  distance between consecutive increments
     */
    public void increments(double[] z, int zOffset, int zStride, double[] w, double[] increments, int incOffset,
            int incStride) {
        w[0] = 0;
        w[steps] = sd[0] * z[zOffset];
        for (int i = 1; i < steps; i++) {
            w[target[i]] = leftWeight[i] * w[left[i]] + rightWeight[i] * w[right[i]] + sd[i] * z[zOffset + i * zStride];
        }
        for (int k = 0; k < steps; k++) {
            increments[incOffset + k * incStride] = w[k + 1] - w[k];
        }
    }
}
