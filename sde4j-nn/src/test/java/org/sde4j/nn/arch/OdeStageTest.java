package org.sde4j.nn.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.Conv2d;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.layers.Tanh;
import org.sde4j.random.RandomStreams;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.RungeKuttaSchemes;

/**
 * OdeStage: N Euler steps are {@code x ← x + (T/N) F(x)} computed by hand; its parameters are F's, once; other step
 * counts and schemes share them; its backward pass matches central differences.
 */
class OdeStageTest {
    private static Layer branch() {
        return new Sequential(List.of(new Tanh(), new Conv2d("a", 2, 2, 3, 1, 1, RandomStreams.stream(1, 0)),
                new Tanh(), new Conv2d("b", 2, 2, 3, 1, 1, RandomStreams.stream(1, 1))));
    }

    private static Tensor input() {
        Tensor x = Tensor.zeros(2, 1, 4, 4);
        var g = RandomStreams.gaussian(2, 0);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) g.sample();
        }
        return x;
    }

    @Test
    void eulerIsTheHandWrittenResidualStack() {
        Layer f = branch();
        OdeStage stage = new OdeStage(f, 0.8, 4, EulerMaruyama.INSTANCE.tableau());
        Tensor x = input();
        Tensor y = stage.forward(x, false).copy();
        Tensor manual = x.copy();
        for (int n = 0; n < 4; n++) {
            Tensor fx = f.forward(manual, false);
            for (int i = 0; i < manual.size(); i++) {
                manual.data()[i] += (float) (0.2 * fx.data()[i]);
            }
        }
        for (int i = 0; i < y.size(); i++) {
            assertEquals(manual.data()[i], y.data()[i], 1e-5);
        }
        assertEquals(f.params(), stage.params());
        OdeStage rk4 = stage.withSteps(8, RungeKuttaSchemes.RK4.tableau());
        assertSame(f.params().get(0), rk4.params().get(0));
        assertEquals(0.1, rk4.stepSize(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new OdeStage(f, 1, 0, EulerMaruyama.INSTANCE.tableau()));
        assertThrows(IllegalArgumentException.class, () -> new OdeStage(f, -1, 2, EulerMaruyama.INSTANCE.tableau()));
    }

    @Test
    void backwardMatchesCentralDifferences() {
        OdeStage stage = new OdeStage(branch(), 1, 3, RungeKuttaSchemes.HEUN.tableau());
        Tensor x = input();
        Tensor w = input();
        stage.forward(x, true);
        Tensor dx = stage.backward(w).copy();
        for (int i : new int[] {0, 5, 17, 31}) {
            double e = 1e-2;
            Tensor plus = x.copy();
            plus.data()[i] += (float) e;
            Tensor minus = x.copy();
            minus.data()[i] -= (float) e;
            double numeric = (dot(stage.forward(plus, true), w) - dot(stage.forward(minus, true), w)) / (2 * e);
            assertEquals(numeric, dx.data()[i], 2e-3 * Math.max(1, Math.abs(numeric)), "input " + i);
        }
    }

    private static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += (double) a.data()[i] * b.data()[i];
        }
        return s;
    }
}
