package org.sde4j.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.sde.ScalarFunction;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.engine.BlockSolver;
import org.sde4j.solver.scheme.EulerMaruyama;

/**
 * Euler–Maruyama's one-pass block update for {@link Sde#scalar} (f and g called inside the update loop) gives
 * the same bits as the two-array path of the batched forms, and is used only when no batched form was given.
 */
class BlockEulerOnePassTest {
    private static final int STRIDE = 256;

    private static double[] finalStates(Sde sde, int count) {
        SdeProblem problem = SdeProblem.of(sde, 1.0, 0.0, 1.0);
        BlockSolver solver = new BlockSolver(problem, EulerMaruyama.INSTANCE, TimeGrid.uniform(0, 1, 64), STRIDE, 64);
        double[] x = solver.solveBlock(BoxMullerStream.of(11, 3), count, null);
        double[] copy = new double[count];
        System.arraycopy(x, 0, copy, 0, count);
        return copy;
    }

    @Test
    void onePassEqualsTheBatchedFormsBitForBit() {
        ScalarFunction f = (t, x) -> 0.05 * x - 0.3 * t * x * x;
        ScalarFunction g = (t, x) -> 0.2 * x + 0.01 * Math.cos(t);
        Sde scalar = Sde.scalar(f, g);
        Sde batched = scalar.withBlockForms(
                (t, x, out, n, stride) -> {
                    for (int p = 0; p < n; p++) {
                        out[p] = f.value(t, x[p]);
                    }
                },
                (t, x, out, n, stride) -> {
                    for (int p = 0; p < n; p++) {
                        out[p] = g.value(t, x[p]);
                    }
                }, null);
        for (int count : new int[] {1, 37, STRIDE}) {
            double[] a = finalStates(scalar, count);
            double[] b = finalStates(batched, count);
            for (int p = 0; p < count; p++) {
                assertEquals(Double.doubleToRawLongBits(b[p]), Double.doubleToRawLongBits(a[p]),
                        "count = " + count + ", path " + p);
            }
        }
    }

    @Test
    void pathwiseFunctionsOnlyWithoutBatchedForms() {
        ScalarFunction f = (t, x) -> -x;
        ScalarFunction g = (t, x) -> 0.5;
        Sde scalar = Sde.scalar(f, g);
        assertSame(f, scalar.pathwiseScalarDrift());
        assertSame(g, scalar.pathwiseScalarDiffusion());
        Sde driftForm = scalar.withBlockForms((t, x, out, n, stride) -> {
            for (int p = 0; p < n; p++) {
                out[p] = -x[p];
            }
        }, null, null);
        assertNull(driftForm.pathwiseScalarDrift());
        assertNotNull(driftForm.pathwiseScalarDiffusion());
        Sde general = Sde.builder(1, 1).drift((t, x, out) -> out[0] = -x[0])
                .scalarDiffusion((t, x, out) -> out[0] = 0.5).build();
        assertNull(general.pathwiseScalarDrift());
        assertNull(general.pathwiseScalarDiffusion());
    }
}
