package org.sde4j.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;

/** Optimizer updates against hand-computed values, and the schedules' defining points. */
class OptimizerTest {
    private static Param param(float w, float g) {
        Param p = Param.of("w", new Tensor(new float[] {w}, 1));
        p.grad().data()[0] = g;
        return p;
    }

    @Test
    void sgdNesterovWithWeightDecay() {
        Param p = param(1f, 0.5f);
        Sgd sgd = new Sgd(List.of(p), true, 0.1);
        sgd.step(0.1, 0.9);
        // g = 0.5 + 0.1·1 = 0.6; b = 0.6; w = 1 − 0.1 (0.6 + 0.9·0.6) = 0.886
        assertEquals(0.886, p.value().data()[0], 1e-6);
        sgd.step(0.1, 0.9);
        // g = 0.5 + 0.0886 = 0.5886; b = 0.54 + 0.5886 = 1.1286; w = 0.886 − 0.1 (0.5886 + 1.01574)
        assertEquals(0.886 - 0.1 * (0.5886 + 0.9 * 1.1286), p.value().data()[0], 1e-6);
    }

    @Test
    void sgdPlainMomentum() {
        Param p = param(0f, 1f);
        Sgd sgd = new Sgd(List.of(p), false, 0);
        sgd.step(1, 0.5);
        sgd.step(1, 0.5);
        assertEquals(-1 - 1.5, p.value().data()[0], 1e-6);
    }

    @Test
    void adamFirstStepMovesByTheLearningRate() {
        Param p = param(1f, 3f);
        new Adam(List.of(p), 0.999, 1e-8, 0, false).step(0.01, 0.9);
        // m̂ = g, v̂ = g², step = lr · g / |g|
        assertEquals(0.99, p.value().data()[0], 1e-6);
    }

    @Test
    void adamWDecaysTheWeightsApartFromTheGradient() {
        Param p = param(2f, 0f);
        new Adam(List.of(p), 0.999, 1e-8, 0.5, true).step(0.1, 0.9);
        assertEquals(2 * (1 - 0.1 * 0.5), p.value().data()[0], 1e-6);
        Param q = param(2f, 0f);
        new Adam(List.of(q), 0.999, 1e-8, 0.5, false).step(0.1, 0.9);
        // L2: g = 1, normalised step of size lr
        assertEquals(1.9, q.value().data()[0], 1e-6);
    }

    @Test
    void oneCycleMatchesPyTorchDefaults() {
        Schedule s = Schedule.oneCycle(0.1, 1000);
        assertEquals(0.1 / 25, s.lr(0), 1e-12);
        assertEquals(0.1, s.lr(299), 1e-12);
        assertEquals(0.1 / 25 / 1e4, s.lr(999), 1e-12);
        assertEquals(0.95, s.momentum(0, 0.9), 1e-12);
        assertEquals(0.85, s.momentum(299, 0.9), 1e-12);
        assertEquals(0.95, s.momentum(999, 0.9), 1e-12);
        // half-way up: cosine mid-point
        assertEquals((0.1 + 0.004) / 2, s.lr(149) + (s.lr(150) - s.lr(149)) * 0.5, 1e-4);
    }

    @Test
    void cosineWithWarmupAndStepDecay() {
        Schedule c = Schedule.cosine(1, 0, 10, 111);
        assertEquals(0.1, c.lr(0), 1e-12);
        assertEquals(1, c.lr(10), 1e-12);
        assertEquals(0.5, c.lr(60), 1e-12);
        assertEquals(0, c.lr(110), 1e-12);
        Schedule st = Schedule.step(1, 0.1, 30);
        assertEquals(1, st.lr(29), 1e-12);
        assertEquals(0.01, st.lr(60), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Schedule.oneCycle(-1, 10));
        assertThrows(IllegalArgumentException.class, () -> Schedule.cosine(1, 0, 10, 10));
    }
}
