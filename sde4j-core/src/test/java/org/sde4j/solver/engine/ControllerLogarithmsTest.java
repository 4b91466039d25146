package org.sde4j.solver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The controller's log₂ and 2^y against {@link Math#log} and {@link Math#pow} over the ranges the controller uses. */
class ControllerLogarithmsTest {
    @Test
    void log2IsWithinItsStatedError() {
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            double x = Math.pow(10, -10 + 30 * random.nextDouble());
            double exact = Math.log(x) / Math.log(2);
            assertEquals(exact, ControllerLogarithms.log2(x), 2.2e-6, () -> "x = " + x);
        }
        assertEquals(-3.0, ControllerLogarithms.log2(0.125), 2.2e-6);
    }

    @Test
    void exp2IsWithinItsStatedError() {
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < 100_000; i++) {
            double y = -60 + 120 * random.nextDouble();
            double exact = Math.pow(2, y);
            assertEquals(exact, ControllerLogarithms.exp2(y), 1.1e-7 * exact, () -> "y = " + y);
        }
        assertEquals(0.25, ControllerLogarithms.exp2(-2.0), 1.1e-7 * 0.25);
    }
}
