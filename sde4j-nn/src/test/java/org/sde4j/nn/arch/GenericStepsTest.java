package org.sde4j.nn.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Sde;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.LinearMultistep;
import org.sde4j.solver.step.ArrayVectorSpace;
import org.sde4j.solver.step.BranchField;
import org.sde4j.solver.step.BranchStep;
import org.sde4j.solver.step.SdeBranchField;

/**
 * The non-tableau steps of the residual architectures, on {@code double[]} states: the LM two-step chain is the
 * registered {@code lm-two-step} scheme, the Neumann step is backward Euler to O(h³) on linear ODEs, and the
 * coupled Euler step inverts exactly and differentiates correctly.
 */
class GenericStepsTest {
    private static final Sde ODE = Sde.ode(2, (t, x, out) -> {
        out[0] = x[1];
        out[1] = -x[0] - 0.3 * x[1] * x[1];
    });

    @Test
    void linearTwoStepIsTheRegisteredLmScheme() {
        double k = 0.3;
        LinearMultistep scheme = LinearMultistep.lmResNet(k);
        Stepper stepper = scheme.newStepper(ODE);
        double[] x = new double[2 + stepper.auxiliaryDimension()];
        x[0] = 1;
        x[1] = 0.5;
        stepper.start(0, x);
        Increment increment = new Increment(1);
        LinearTwoStep<double[]>[] chain = newChain(40);
        double h = 0.05;
        double[] current = {1, 0.5};
        double[] previous = null;
        for (int n = 0; n < 40; n++) {
            increment.set(h, 0.0);
            stepper.step(n * h, x, increment);
            double[] next = chain[n].forward(n * h, h, current, previous, k, new double[] {0}, null).clone();
            previous = current;
            current = next;
        }
        assertEquals(x[0], current[0], 1e-13);
        assertEquals(x[1], current[1], 1e-13);
    }

    @SuppressWarnings("unchecked")
    private static LinearTwoStep<double[]>[] newChain(int n) {
        LinearTwoStep<double[]>[] chain = new LinearTwoStep[n];
        for (int i = 0; i < n; i++) {
            chain[i] = new LinearTwoStep<>(ArrayVectorSpace.INSTANCE, new BranchStep<>(ArrayVectorSpace.INSTANCE,
                    EulerMaruyama.INSTANCE.tableau(), new SdeBranchField(ODE, 1)));
        }
        return chain;
    }

    /** F(x) = h A x as a branch field. */
    private static BranchField<double[]> linear(double[][] a, double h) {
        return new BranchField<>() {
            final double[][] out = new double[4][2];

            @Override
            public int branches() {
                return 1;
            }

            @Override
            public double driftWeight(int branch, double t) {
                return 1;
            }

            @Override
            public double diffusionWeight(int branch, double t) {
                return 0;
            }

            @Override
            public double[] evaluate(int branch, int slot, double t, double[] x) {
                double[] o = out[slot];
                o[0] = h * (a[0][0] * x[0] + a[0][1] * x[1]);
                o[1] = h * (a[1][0] * x[0] + a[1][1] * x[1]);
                return o;
            }
        };
    }

    @Test
    void neumannStepIsBackwardEulerToThirdOrderOnLinearOdes() {
        double[][] a = {{-1, 2}, {-0.5, -0.3}};
        double[] x = {1, -0.4};
        double previousDifference = Double.NaN;
        for (double h : new double[] {0.1, 0.05, 0.025}) {
            NeumannStep<double[]> step = new NeumannStep<>(ArrayVectorSpace.INSTANCE, linear(a, h), 2);
            double[] y = step.forward(0, x);
            // Backward Euler: (I − hA) y = x.
            double m00 = 1 - h * a[0][0];
            double m01 = -h * a[0][1];
            double m10 = -h * a[1][0];
            double m11 = 1 - h * a[1][1];
            double det = m00 * m11 - m01 * m10;
            double b0 = (m11 * x[0] - m01 * x[1]) / det;
            double b1 = (-m10 * x[0] + m00 * x[1]) / det;
            double difference = Math.hypot(y[0] - b0, y[1] - b1);
            if (!Double.isNaN(previousDifference)) {
                double ratio = previousDifference / difference;
                assertTrue(ratio > 7 && ratio < 9, "halving h divides the difference by " + ratio + " (expected 8)");
            }
            previousDifference = difference;
        }
    }

    /** F(x₂) = tanh(x₂ + 0.3), G(y₁) = 0.5 sin(y₁): any smooth maps. */
    private static final class Pair implements BranchField<double[]> {
        double scale = 1;
        double dScale;
        double[] fIn;
        double[] gIn;
        final double[] fOut = new double[2];
        final double[] gOut = new double[2];
        final double[] fBack = new double[2];
        final double[] gBack = new double[2];

        @Override
        public int branches() {
            return 2;
        }

        @Override
        public double driftWeight(int branch, double t) {
            return 1;
        }

        @Override
        public double diffusionWeight(int branch, double t) {
            return 0;
        }

        @Override
        public double[] evaluate(int branch, int slot, double t, double[] x) {
            if (branch == 0) {
                fIn = x.clone();
                for (int i = 0; i < 2; i++) {
                    fOut[i] = scale * Math.tanh(x[i] + 0.3 * i);
                }
                return fOut;
            }
            gIn = x.clone();
            for (int i = 0; i < 2; i++) {
                gOut[i] = 0.5 * Math.sin(x[1 - i]);
            }
            return gOut;
        }

        @Override
        public double[] backward(int branch, int slot, double[] d) {
            if (branch == 0) {
                for (int i = 0; i < 2; i++) {
                    double th = Math.tanh(fIn[i] + 0.3 * i);
                    dScale += d[i] * th;
                    fBack[i] = d[i] * scale * (1 - th * th);
                }
                return fBack;
            }
            for (int i = 0; i < 2; i++) {
                gBack[1 - i] = d[i] * 0.5 * Math.cos(gIn[1 - i]);
            }
            return gBack;
        }
    }

    @Test
    void coupledEulerInvertsExactlyAndDifferentiates() {
        Pair field = new Pair();
        CoupledEulerStep<double[]> step = new CoupledEulerStep<>(ArrayVectorSpace.INSTANCE, field);
        double[] x1 = {0.3, -0.7};
        double[] x2 = {1.1, 0.2};
        double[] y1 = new double[2];
        double[] y2 = new double[2];
        step.forward(0, x1, x2, y1, y2);
        double[] r1 = new double[2];
        double[] r2 = new double[2];
        double[] dx1 = new double[2];
        double[] dx2 = new double[2];
        double[] w1 = {0.4, -1.2};
        double[] w2 = {0.9, 0.3};
        field.dScale = 0;
        step.backward(0, y1, y2, w1, w2, r1, r2, dx1, dx2);
        for (int i = 0; i < 2; i++) {
            assertEquals(x1[i], r1[i], 1e-15, "x₁ reconstructed");
            assertEquals(x2[i], r2[i], 1e-15, "x₂ reconstructed");
        }
        double eps = 1e-6;
        for (int i = 0; i < 2; i++) {
            double[] p = x2.clone();
            double[] m = x2.clone();
            p[i] += eps;
            m[i] -= eps;
            assertEquals((loss(step, x1, p, w1, w2) - loss(step, x1, m, w1, w2)) / (2 * eps), dx2[i], 1e-8, "∂L/∂x₂");
            p = x1.clone();
            m = x1.clone();
            p[i] += eps;
            m[i] -= eps;
            assertEquals((loss(step, p, x2, w1, w2) - loss(step, m, x2, w1, w2)) / (2 * eps), dx1[i], 1e-8, "∂L/∂x₁");
        }
        double analytic = field.dScale;
        field.scale = 1 + eps;
        double up = loss(step, x1, x2, w1, w2);
        field.scale = 1 - eps;
        double down = loss(step, x1, x2, w1, w2);
        assertEquals((up - down) / (2 * eps), analytic, 1e-8, "∂L/∂θ");
    }

    private static double loss(CoupledEulerStep<double[]> step, double[] x1, double[] x2, double[] w1, double[] w2) {
        double[] y1 = new double[2];
        double[] y2 = new double[2];
        step.forward(0, x1, x2, y1, y2);
        return w1[0] * y1[0] + w1[1] * y1[1] + w2[0] * y2[0] + w2[1] * y2[1];
    }
}
