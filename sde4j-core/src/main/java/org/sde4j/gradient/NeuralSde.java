package org.sde4j.gradient;

/**
 * A neural SDE (Tzen &amp; Raginsky 2019; Li et al. 2020; Kidger et al. 2021) with diagonal noise: drift and
 * diffusion are one-hidden-layer perceptrons of {@code (x, t)},
 *
 * <pre>
 *   f(t, x) = W₂ tanh(W₁ [x; t] + b₁) + b₂
 *   g(t, x) = softplus(V₂ tanh(V₁ [x; t] + c₁) + c₂)      (positive)
 * </pre>
 *
 * <p>with hand-written vector–Jacobian products, so every {@link SdeGradient} method trains it. θ holds
 * (W₁, b₁, W₂, b₂) of the drift and then (V₁, c₁, V₂, c₂) of the diffusion, matrices row-major; W₁ is
 * H × (d + 1), W₂ is d × H. Not thread-safe (one scratch buffer per instance).
 */
public final class NeuralSde implements ParametricSde {
    private final int d;
    private final int hidden;
    private final int netSize;
    private final double[] pre;
    private final double[] act;
    private final double[] out;
    private final double[] scaled;

    /**
     * @param dimension the state dimension d, at least 1
     * @param hidden    the hidden width H, at least 1
     */
    public NeuralSde(int dimension, int hidden) {
        if (dimension < 1 || hidden < 1) {
            throw new IllegalArgumentException("dimension = " + dimension + ", hidden = " + hidden
                    + ": both must be at least 1");
        }
        this.d = dimension;
        this.hidden = hidden;
        this.netSize = hidden * (d + 1) + hidden + d * hidden + d;
        this.pre = new double[hidden];
        this.act = new double[hidden];
        this.out = new double[d];
        this.scaled = new double[d];
    }

    @Override
    public int stateDimension() {
        return d;
    }

    @Override
    public int parameterCount() {
        return 2 * netSize;
    }

    /** Initial parameters: weights uniform in ±1/√fan-in from {@code seed}, diffusion bias {@code bias}. */
    public double[] initialParameters(long seed, double diffusionBias) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        double[] theta = new double[parameterCount()];
        for (int net = 0; net < 2; net++) {
            int o = net * netSize;
            double a1 = 1 / Math.sqrt(d + 1.0);
            for (int j = 0; j < hidden * (d + 1); j++) {
                theta[o + j] = random.nextDouble(-a1, a1);
            }
            int w2 = o + hidden * (d + 1) + hidden;
            double a2 = 1 / Math.sqrt(hidden);
            for (int j = 0; j < d * hidden; j++) {
                theta[w2 + j] = random.nextDouble(-a2, a2);
            }
            if (net == 1) {
                for (int i = 0; i < d; i++) {
                    theta[w2 + d * hidden + i] = diffusionBias;
                }
            }
        }
        return theta;
    }

    private void forward(int o, double t, double[] x, double[] th) {
        int b1 = o + hidden * (d + 1);
        int w2 = b1 + hidden;
        int b2 = w2 + d * hidden;
        for (int j = 0; j < hidden; j++) {
            double s = th[b1 + j] + th[o + j * (d + 1) + d] * t;
            for (int i = 0; i < d; i++) {
                s += th[o + j * (d + 1) + i] * x[i];
            }
            pre[j] = s;
            act[j] = Math.tanh(s);
        }
        for (int i = 0; i < d; i++) {
            double s = th[b2 + i];
            for (int j = 0; j < hidden; j++) {
                s += th[w2 + i * hidden + j] * act[j];
            }
            out[i] = s;
        }
    }

    @Override
    public void drift(double t, double[] x, double[] theta, double[] result) {
        forward(0, t, x, theta);
        System.arraycopy(out, 0, result, 0, d);
    }

    @Override
    public void diffusion(double t, double[] x, double[] theta, double[] result) {
        forward(netSize, t, x, theta);
        for (int i = 0; i < d; i++) {
            result[i] = softplus(out[i]);
        }
    }

    private static double softplus(double y) {
        return y > 30 ? y : Math.log1p(Math.exp(y));
    }

    @Override
    public void driftVjp(double t, double[] x, double[] theta, double[] v, double[] dx, double[] dTheta) {
        forward(0, t, x, theta);
        backward(0, x, t, theta, v, dx, dTheta);
    }

    @Override
    public void diffusionVjp(double t, double[] x, double[] theta, double[] v, double[] dx, double[] dTheta) {
        forward(netSize, t, x, theta);
        for (int i = 0; i < d; i++) {
            scaled[i] = v[i] / (1 + Math.exp(-out[i]));
        }
        backward(netSize, x, t, theta, scaled, dx, dTheta);
    }

    private void backward(int o, double[] x, double t, double[] th, double[] v, double[] dx, double[] dTheta) {
        int b1 = o + hidden * (d + 1);
        int w2 = b1 + hidden;
        int b2 = w2 + d * hidden;
        for (int i = 0; i < d; i++) {
            dTheta[b2 + i] += v[i];
            for (int j = 0; j < hidden; j++) {
                dTheta[w2 + i * hidden + j] += v[i] * act[j];
            }
        }
        for (int j = 0; j < hidden; j++) {
            double dh = 0;
            for (int i = 0; i < d; i++) {
                dh += th[w2 + i * hidden + j] * v[i];
            }
            double da = dh * (1 - act[j] * act[j]);
            dTheta[b1 + j] += da;
            for (int i = 0; i < d; i++) {
                dTheta[o + j * (d + 1) + i] += da * x[i];
                dx[i] += th[o + j * (d + 1) + i] * da;
            }
            dTheta[o + j * (d + 1) + d] += da * t;
        }
    }
}
