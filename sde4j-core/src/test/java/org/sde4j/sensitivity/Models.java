package org.sde4j.sensitivity;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.sde4j.gradient.ParametricSde;

/** Test models with closed forms, and the Black–Scholes formulas. */
final class Models {
    private Models() {
    }

    /** GBM in price space, Itô: {@code dS = θ0 S dt + θ1 S dW} (θ = (r, σ)). */
    static final ParametricSde GBM = new Scalar() {
        @Override
        public void drift(double t, double[] x, double[] th, double[] out) {
            out[0] = th[0] * x[0];
        }

        @Override
        public void diffusion(double t, double[] x, double[] th, double[] out) {
            out[0] = th[1] * x[0];
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dx[0] += v[0] * th[0];
            dth[0] += v[0] * x[0];
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dx[0] += v[0] * th[1];
            dth[1] += v[0] * x[0];
        }
    };

    /** GBM in log space, Itô: {@code dY = (θ0 − θ1²/2) dt + θ1 dW}; Euler–Maruyama is exact for it. */
    static final ParametricSde LOG_GBM = new Scalar() {
        @Override
        public void drift(double t, double[] x, double[] th, double[] out) {
            out[0] = th[0] - 0.5 * th[1] * th[1];
        }

        @Override
        public void diffusion(double t, double[] x, double[] th, double[] out) {
            out[0] = th[1];
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dth[0] += v[0];
            dth[1] -= v[0] * th[1];
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dth[1] += v[0];
        }
    };

    /** GBM in log space with the maturity as a parameter, θ = (r, σ, T) (the model of {@code greeks --problem gbm}). */
    static final ParametricSde LOG_GBM_MATURITY = GreeksCatalog.LOG_GBM_MATURITY;

    /** A call or digital on exp(x_0) discounted by e^{−θ_0 θ_2} (rate θ_0, maturity θ_2). */
    static Payoff maturityPayoff(double strike, boolean digital) {
        return GreeksCatalog.maturityPayoff(strike, digital);
    }

    /** Ornstein–Uhlenbeck: {@code dX = θ0 (θ1 − X) dt + θ2 dW} (θ = (κ, μ, σ)). */
    static final ParametricSde OU = new Scalar() {
        @Override
        public int parameterCount() {
            return 3;
        }

        @Override
        public void drift(double t, double[] x, double[] th, double[] out) {
            out[0] = th[0] * (th[1] - x[0]);
        }

        @Override
        public void diffusion(double t, double[] x, double[] th, double[] out) {
            out[0] = th[2];
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dx[0] -= v[0] * th[0];
            dth[0] += v[0] * (th[1] - x[0]);
            dth[1] += v[0] * th[0];
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dth[2] += v[0];
        }
    };

    /** Nonlinear scalar: {@code f = θ0 (θ1 − x) + 0.3 sin x}, {@code g = θ2 √(1 + x²)}. */
    static final ParametricSde NONLINEAR = new Scalar() {
        @Override
        public int parameterCount() {
            return 3;
        }

        @Override
        public void drift(double t, double[] x, double[] th, double[] out) {
            out[0] = th[0] * (th[1] - x[0]) + 0.3 * Math.sin(x[0]);
        }

        @Override
        public void diffusion(double t, double[] x, double[] th, double[] out) {
            out[0] = th[2] * Math.sqrt(1 + x[0] * x[0]);
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dx[0] += v[0] * (-th[0] + 0.3 * Math.cos(x[0]));
            dth[0] += v[0] * (th[1] - x[0]);
            dth[1] += v[0] * th[0];
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            double r = Math.sqrt(1 + x[0] * x[0]);
            dx[0] += v[0] * th[2] * x[0] / r;
            dth[2] += v[0] * r;
        }
    };

    /** Two-dimensional, diagonal noise with cross dependence: {@code f_i = −θ0 x_i + θ1 x_{1−i}}, {@code g_i = θ2 + θ3 sin x_{1−i} + 0.1 x_i}. */
    static final ParametricSde COUPLED = new ParametricSde() {
        @Override
        public int stateDimension() {
            return 2;
        }

        @Override
        public int parameterCount() {
            return 4;
        }

        @Override
        public void drift(double t, double[] x, double[] th, double[] out) {
            out[0] = -th[0] * x[0] + th[1] * x[1];
            out[1] = -th[0] * x[1] + th[1] * x[0];
        }

        @Override
        public void diffusion(double t, double[] x, double[] th, double[] out) {
            out[0] = th[2] + th[3] * Math.sin(x[1]) + 0.1 * x[0];
            out[1] = th[2] + th[3] * Math.sin(x[0]) + 0.1 * x[1];
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dx[0] += -th[0] * v[0] + th[1] * v[1];
            dx[1] += th[1] * v[0] - th[0] * v[1];
            dth[0] += -v[0] * x[0] - v[1] * x[1];
            dth[1] += v[0] * x[1] + v[1] * x[0];
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dx[0] += 0.1 * v[0] + v[1] * th[3] * Math.cos(x[0]);
            dx[1] += v[0] * th[3] * Math.cos(x[1]) + 0.1 * v[1];
            dth[2] += v[0] + v[1];
            dth[3] += v[0] * Math.sin(x[1]) + v[1] * Math.sin(x[0]);
        }
    };

    private abstract static class Scalar implements ParametricSde {
        @Override
        public int stateDimension() {
            return 1;
        }

        @Override
        public int parameterCount() {
            return 2;
        }
    }

    private static final NormalDistribution N = new NormalDistribution(0, 1);

    /** Black–Scholes call and digital (cash-or-nothing) values and Greeks: {price, Δ, Γ, vega, ρ}. */
    static double[] call(double s, double k, double r, double sigma, double t) {
        double sq = sigma * Math.sqrt(t);
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / sq;
        double d2 = d1 - sq;
        double df = Math.exp(-r * t);
        return new double[] {s * N.cumulativeProbability(d1) - k * df * N.cumulativeProbability(d2),
            N.cumulativeProbability(d1), N.density(d1) / (s * sq), s * N.density(d1) * Math.sqrt(t),
            k * t * df * N.cumulativeProbability(d2)};
    }

    static double[] digital(double s, double k, double r, double sigma, double t) {
        double sq = sigma * Math.sqrt(t);
        double d1 = (Math.log(s / k) + (r + 0.5 * sigma * sigma) * t) / sq;
        double d2 = d1 - sq;
        double df = Math.exp(-r * t);
        return new double[] {df * N.cumulativeProbability(d2), df * N.density(d2) / (s * sq),
            -df * d1 * N.density(d2) / (s * s * sq * sq), -df * N.density(d2) * d1 / sigma,
            -t * df * N.cumulativeProbability(d2) + df * N.density(d2) * Math.sqrt(t) / sigma};
    }
}
