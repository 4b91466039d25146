package org.sde4j.gradient;

/** Small parametric SDEs with nonlinear drift and diffusion, for the gradient tests. */
final class TestSdes {
    private TestSdes() {
    }

    /**
     * Scalar: {@code f = θ0 (θ1 − x) + 0.2 sin(x) + 0.1 t}, {@code g = θ2 √(1 + x²)}.
     */
    static final ParametricSde SCALAR = new ParametricSde() {
        @Override
        public int stateDimension() {
            return 1;
        }

        @Override
        public int parameterCount() {
            return 3;
        }

        @Override
        public void drift(double t, double[] x, double[] th, double[] out) {
            out[0] = th[0] * (th[1] - x[0]) + 0.2 * Math.sin(x[0]) + 0.1 * t;
        }

        @Override
        public void diffusion(double t, double[] x, double[] th, double[] out) {
            out[0] = th[2] * Math.sqrt(1 + x[0] * x[0]);
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dx[0] += v[0] * (-th[0] + 0.2 * Math.cos(x[0]));
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

    /**
     * Two-dimensional with cross-coupled (non-commutative) noise:
     * {@code f_i = −θ0 x_i + θ1 x_{1−i}}, {@code g_i = θ2 + θ3 sin(x_{1−i})}.
     */
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
            out[0] = th[2] + th[3] * Math.sin(x[1]);
            out[1] = th[2] + th[3] * Math.sin(x[0]);
        }

        @Override
        public void driftVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dx[0] += -th[0] * v[0] + th[1] * v[1];
            dx[1] += -th[0] * v[1] + th[1] * v[0];
            dth[0] += -v[0] * x[0] - v[1] * x[1];
            dth[1] += v[0] * x[1] + v[1] * x[0];
        }

        @Override
        public void diffusionVjp(double t, double[] x, double[] th, double[] v, double[] dx, double[] dth) {
            dx[1] += v[0] * th[3] * Math.cos(x[1]);
            dx[0] += v[1] * th[3] * Math.cos(x[0]);
            dth[2] += v[0] + v[1];
            dth[3] += v[0] * Math.sin(x[1]) + v[1] * Math.sin(x[0]);
        }
    };
}
