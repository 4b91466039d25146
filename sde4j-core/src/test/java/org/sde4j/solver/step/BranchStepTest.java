package org.sde4j.solver.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sde4j.brownian.Increment;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.Sde;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.scheme.TableauScheme;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * The generic {@link BranchStep} on {@code double[]} states reproduces every tableau scheme's own stepper, on
 * SDEs with scalar, diagonal and no noise; and its backward pass is the exact gradient of the step.
 */
class BranchStepTest {
    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Scheme scheme : Schemes.all()) {
            if (!(scheme instanceof TableauScheme)) {
                continue;
            }
            for (Sde sde : problems(scheme.calculus())) {
                if (Schemes.supports(scheme, sde)) {
                    all.add(Arguments.of(scheme.name(), sde.noise().label() + "-d" + sde.stateDimension(), scheme, sde));
                }
            }
        }
        return all.stream();
    }

    private static List<Sde> problems(Calculus calculus) {
        Sde scalar = Sde.scalar((t, x) -> 1.01 * x - 0.2 * Math.sin(t) * x * x, (t, x) -> 0.87 * x + 0.1 * Math.cos(x));
        Sde diagonal = Sde.builder(2, 2)
                .drift((t, x, out) -> {
                    out[0] = x[1] - 0.3 * x[0];
                    out[1] = -x[0] + 0.1 * t;
                })
                .diagonalDiffusion((t, x, out) -> {
                    out[0] = 0.3 * x[0] + 0.1 * x[1];
                    out[1] = 0.2 * Math.cos(x[1]);
                })
                .build();
        Sde scalarNoise2d = Sde.builder(2, 1)
                .drift((t, x, out) -> {
                    out[0] = -x[0] * x[1];
                    out[1] = 0.5 * x[0];
                })
                .scalarDiffusion((t, x, out) -> {
                    out[0] = 0.4 * x[1];
                    out[1] = 0.3 * x[0] * x[0];
                })
                .build();
        Sde ode = Sde.ode(2, (t, x, out) -> {
            out[0] = x[1];
            out[1] = -x[0] - 0.1 * x[1] * x[1];
        });
        List<Sde> list = new ArrayList<>();
        for (Sde sde : List.of(scalar, diagonal, scalarNoise2d)) {
            list.add(calculus == Calculus.ITO ? sde : sde.interpretedIn(calculus));
        }
        list.add(ode);
        return list;
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cases")
    void reproducesTheSchemesOwnStepper(String name, String label, Scheme scheme, Sde sde) {
        StochasticTableau tableau = ((TableauScheme) scheme).tableau();
        int d = sde.stateDimension();
        int m = sde.noiseDimension();
        boolean area = scheme.needsSpaceTimeLevyArea();
        Stepper stepper = scheme.newStepper(sde);
        BranchStep<double[]> generic = new BranchStep<>(ArrayVectorSpace.INSTANCE, tableau,
                new SdeBranchField(sde, tableau.stages()));
        Increment increment = new Increment(m, false, area);
        UniformRandomProvider rng = RandomStreams.stream(7, name.hashCode());
        ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double[] x = new double[d + stepper.auxiliaryDimension()];
        double[] y = new double[d];
        for (int i = 0; i < d; i++) {
            x[i] = 0.5 + 0.1 * i;
            y[i] = x[i];
        }
        double t = 0;
        double h = 0.01;
        double[] dw = new double[m];
        double[] h12 = new double[m];
        for (int n = 0; n < 50; n++) {
            for (int j = 0; j < m; j++) {
                dw[j] = Math.sqrt(h) * gauss.sample();
                h12[j] = Math.sqrt(h / 12) * gauss.sample();
            }
            increment.set(h, dw);
            if (area) {
                System.arraycopy(h12, 0, increment.spaceTimeLevyArea(), 0, m);
            }
            stepper.step(t, x, increment);
            double[] next = generic.forward(t, h, y, dw, h12);
            System.arraycopy(next, 0, y, 0, d);
            t += h;
        }
        for (int i = 0; i < d; i++) {
            assertEquals(x[i], y[i], 1e-12 * Math.max(1, Math.abs(x[i])), name + " component " + i);
        }
    }

    /** A differentiable 1-d field with two branches: B0 = tanh(w x), B1 = w x², parameter w. */
    private static final class TanhField implements BranchField<double[]> {
        double w = 0.7;
        double dw;
        final double[][] input = new double[16][];
        final double[][] out = new double[2 * 16][1];
        final double[][] back = new double[2 * 16][1];
        final double[] weights;

        TanhField(double... weights) {
            this.weights = weights;
        }

        @Override
        public int branches() {
            return 2;
        }

        @Override
        public double driftWeight(int branch, double t) {
            return weights[2 * branch];
        }

        @Override
        public double diffusionWeight(int branch, double t) {
            return weights[2 * branch + 1];
        }

        @Override
        public double[] evaluate(int branch, int slot, double t, double[] x) {
            input[slot] = x.clone();
            double[] o = out[2 * slot + branch];
            o[0] = branch == 0 ? Math.tanh(w * x[0]) : w * x[0] * x[0];
            return o;
        }

        @Override
        public double[] backward(int branch, int slot, double[] dOut) {
            double x = input[slot][0];
            double[] o = back[2 * slot + branch];
            if (branch == 0) {
                double th = Math.tanh(w * x);
                double sech2 = 1 - th * th;
                dw += dOut[0] * sech2 * x;
                o[0] = dOut[0] * sech2 * w;
            } else {
                dw += dOut[0] * x * x;
                o[0] = dOut[0] * 2 * w * x;
            }
            return o;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tableaus")
    void backwardIsTheGradientOfTheStep(String name, StochasticTableau tableau) {
        TanhField field = new TanhField(0.5, 0.3, 1.0, -0.8);
        BranchStep<double[]> step = new BranchStep<>(ArrayVectorSpace.INSTANCE, tableau, field);
        double[] dw = {0.17};
        double[] area = {0.03};
        double h = 0.1;
        double x0 = 0.4;
        step.forward(0, h, new double[] {x0}, dw, area);
        double dx = step.backward(new double[] {1.0})[0];
        double dwAnalytic = field.dw;
        double eps = 1e-6;
        double plus = step.forward(0, h, new double[] {x0 + eps}, dw, area)[0];
        double minus = step.forward(0, h, new double[] {x0 - eps}, dw, area)[0];
        assertEquals((plus - minus) / (2 * eps), dx, 1e-8, "∂y/∂x");
        double w0 = field.w;
        field.w = w0 + eps;
        plus = step.forward(0, h, new double[] {x0}, dw, area)[0];
        field.w = w0 - eps;
        minus = step.forward(0, h, new double[] {x0}, dw, area)[0];
        field.w = w0;
        assertEquals((plus - minus) / (2 * eps), dwAnalytic, 1e-8, "∂y/∂w");
    }

    static Stream<Arguments> tableaus() {
        return Schemes.all().stream().filter(s -> s instanceof TableauScheme)
                .map(s -> Arguments.of(s.name(), ((TableauScheme) s).tableau()));
    }

    /** A field counting its evaluations: branch 0 with drift weight p, diffusion weight 1. */
    @Test
    void skipsABranchWhoseCoefficientIsZero() {
        int[] calls = new int[1];
        BranchField<double[]> field = new BranchField<>() {
            @Override
            public int branches() {
                return 1;
            }

            @Override
            public double driftWeight(int branch, double t) {
                return 0.75;
            }

            @Override
            public double diffusionWeight(int branch, double t) {
                return 1;
            }

            @Override
            public double[] evaluate(int branch, int slot, double t, double[] x) {
                calls[0]++;
                return new double[] {x[0] * x[0]};
            }

            @Override
            public double[] backward(int branch, int slot, double[] dOut) {
                calls[0]++;
                return new double[] {0};
            }
        };
        BranchStep<double[]> step = new BranchStep<>(ArrayVectorSpace.INSTANCE, EulerMaruyama.INSTANCE.tableau(), field);
        double[] y = step.forward(0, 1, new double[] {2}, new double[] {-0.75}, null);
        assertEquals(2.0, y[0], 0.0, "a dropped block is the identity");
        assertFalse(step.evaluated(0, 0));
        assertEquals(1.0, step.backward(new double[] {1})[0], 0.0);
        assertEquals(0, calls[0], "neither pass evaluates a dropped branch");
        y = step.forward(0, 1, new double[] {2}, new double[] {0.25}, null);
        assertEquals(2 + 4.0, y[0], 0.0, "a kept block adds its branch: (p + (1 − p)) B");
        assertTrue(step.evaluated(0, 0));
    }
}
