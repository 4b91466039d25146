package org.sde4j.sensitivity;

/**
 * Log-Heston with full truncation (Lord, Koekkoek &amp; van Dijk 2010), Itô, θ = (r, κ, θ_v, ξ, ρ), state (log S, v),
 * two independent Brownian motions: {@code d log S = (r − v⁺/2) dt + √v⁺ dW_1},
 * {@code dv = κ(θ_v − v⁺) dt + ξ √v⁺ (ρ dW_1 + √(1 − ρ²) dW_2)}. Its diffusion is a full 2 × 2 matrix, so it is a
 * {@link GeneralParametricSde}.
 */
final class HestonSde implements GeneralParametricSde {
    /** The one instance (the model has no state). */
    static final HestonSde MODEL = new HestonSde();

    private HestonSde() {
    }

    @Override
    public int stateDimension() {
        return 2;
    }

    @Override
    public int noiseDimension() {
        return 2;
    }

    @Override
    public int parameterCount() {
        return 5;
    }

    @Override
    public void drift(double t, double[] x, double[] th, double[] out) {
        double v = Math.max(x[1], 0);
        out[0] = th[0] - 0.5 * v;
        out[1] = th[1] * (th[2] - v);
    }

    @Override
    public void diffusion(double t, double[] x, double[] th, double[] out) {
        double s = Math.sqrt(Math.max(x[1], 0));
        double c = Math.sqrt(1 - th[4] * th[4]);
        out[0] = s;
        out[1] = 0;
        out[2] = th[3] * th[4] * s;
        out[3] = th[3] * c * s;
    }

    @Override
    public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
        double positive = x[1] > 0 ? 1 : 0;
        dx[1] += -0.5 * positive * v[0] - th[1] * positive * v[1];
        dth[0] += v[0];
        dth[1] += v[1] * (th[2] - Math.max(x[1], 0));
        dth[2] += v[1] * th[1];
    }

    @Override
    public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
        double s = Math.sqrt(Math.max(x[1], 0));
        double c = Math.sqrt(1 - th[4] * th[4]);
        double ds = s > 0 ? 0.5 / s : 0;
        dx[1] += (v[0] + v[2] * th[3] * th[4] + v[3] * th[3] * c) * ds;
        dth[3] += v[2] * th[4] * s + v[3] * c * s;
        dth[4] += v[2] * th[3] * s - v[3] * th[3] * th[4] / c * s;
    }
}
