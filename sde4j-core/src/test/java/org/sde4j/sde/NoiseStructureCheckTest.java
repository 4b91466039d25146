package org.sde4j.sde;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;

/**
 * A declared noise structure is checked against the diffusion on states near x0: wrong declarations fail with
 * the structure, the columns and the residual; true ones (every library problem among them) pass.
 */
class NoiseStructureCheckTest {
    @Test
    void everyLibraryProblemPasses() {
        for (TestProblem p : Problems.all()) {
            SdeProblem problem = p.problem();
            assertDoesNotThrow(() -> NoiseStructureCheck.check(problem.sde(), problem.t0(), problem.x0()), p.name());
        }
    }

    /** g = [[1, 0], [0, x_0]]: L^0 g^1 = (0, 1) but L^1 g^0 = 0. */
    @Test
    void nonCommutativeNoiseDeclaredCommutativeIsCaught() {
        Sde sde = Sde.builder(2, 2).drift((t, x, out) -> {
            out[0] = 0;
            out[1] = 0;
        }).diffusion((t, x, dw, out) -> {
            out[0] = dw[0];
            out[1] = x[0] * dw[1];
        }, NoiseStructure.COMMUTATIVE).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SdeProblem(sde, new double[] {1, 2}, 0, 1));
        assertTrue(e.getMessage().contains("declared commutative noise") && e.getMessage().contains("columns 0 and 1")
                && e.getMessage().contains("| = 0.99999"), e.getMessage());
        Sde general = sde.toBuilder().diffusion((t, x, dw, out) -> {
            out[0] = dw[0];
            out[1] = x[0] * dw[1];
        }, NoiseStructure.GENERAL).build();
        assertDoesNotThrow(() -> new SdeProblem(general, new double[] {1, 2}, 0, 1));
    }

    /** Commutative but not diagonal: g = x_0 (b_0, b_1) and a nonlinear column pair sharing one direction. */
    @Test
    void genuinelyCommutativeNoisePasses() {
        Sde linear = Sde.builder(1, 2).drift((t, x, out) -> out[0] = 0)
                .diffusion((t, x, dw, out) -> out[0] = x[0] * (0.3 * dw[0] + 0.7 * dw[1]), NoiseStructure.COMMUTATIVE)
                .build();
        assertDoesNotThrow(() -> SdeProblem.of(linear, 1.5, 0, 1));
        // g^k(x) = c_k sin(x_0 + x_1) (1, 1): every column is a multiple of one field, so L^j g^k = c_j c_k (...).
        Sde nonlinear = Sde.builder(2, 2).drift((t, x, out) -> {
            out[0] = 0;
            out[1] = 0;
        }).diffusion((t, x, dw, out) -> {
            double s = Math.sin(x[0] + x[1]) * (0.4 * dw[0] - 1.3 * dw[1]);
            out[0] = s;
            out[1] = s;
        }, NoiseStructure.COMMUTATIVE).build();
        assertDoesNotThrow(() -> new SdeProblem(nonlinear, new double[] {0.2, 0.9}, 0, 1));
    }

    @Test
    void diagonalNoiseCoupledToAnotherCoordinateIsCaught() {
        Sde coupled = Sde.builder(3, 3).drift((t, x, out) -> java.util.Arrays.fill(out, 0))
                .diagonalDiffusion((t, x, out) -> {
                    out[0] = 0.2 * x[0];
                    out[1] = 0.2 * x[1] + 0.1 * x[2];
                    out[2] = 0.2 * x[2];
                }).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SdeProblem(coupled, new double[] {1, 1, 1}, 0, 1));
        assertTrue(e.getMessage().contains("declared diagonal noise") && e.getMessage().contains("g_1 depends on x_2"),
                e.getMessage());
        Sde fullColumns = Sde.builder(2, 2).drift((t, x, out) -> java.util.Arrays.fill(out, 0))
                .diffusion((t, x, dw, out) -> {
                    out[0] = dw[0] + 0.5 * dw[1];
                    out[1] = dw[1];
                }, NoiseStructure.DIAGONAL).build();
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new SdeProblem(fullColumns, new double[] {1, 1}, 0, 1));
        assertTrue(shape.getMessage().contains("entry 0") && shape.getMessage().contains("off-diagonal"),
                shape.getMessage());
        Sde diagonal = Sde.builder(2, 2).drift((t, x, out) -> java.util.Arrays.fill(out, 0))
                .diagonalDiffusion((t, x, out) -> {
                    out[0] = Math.sqrt(Math.abs(x[0]));
                    out[1] = Math.cos(x[1]);
                }).build();
        assertDoesNotThrow(() -> new SdeProblem(diagonal, new double[] {0.5, 0.3}, 0, 1));
    }

    @Test
    void stateDependentNoiseDeclaredAdditiveIsCaught() {
        Sde sde = Sde.builder(2, 2).drift((t, x, out) -> java.util.Arrays.fill(out, 0))
                .diffusion((t, x, dw, out) -> {
                    out[0] = 0.3 * dw[0];
                    out[1] = 0.1 * dw[0] + (1 + 0.5 * x[1]) * dw[1];
                }, NoiseStructure.ADDITIVE).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SdeProblem(sde, new double[] {1, 1}, 0, 1));
        assertTrue(e.getMessage().contains("declared additive noise") && e.getMessage().contains("column 1"),
                e.getMessage());
        Sde timeOnly = Sde.builder(1, 1).drift((t, x, out) -> out[0] = -x[0])
                .diffusion((t, x, dw, out) -> out[0] = Math.exp(-t) * dw[0], NoiseStructure.ADDITIVE).build();
        assertDoesNotThrow(() -> SdeProblem.of(timeOnly, 2.0, 0.5, 1));
    }

    @Test
    void noiseDeclaredNoneMustVanish() {
        Sde sde = Sde.builder(1, 1).drift((t, x, out) -> out[0] = 0)
                .diffusion((t, x, dw, out) -> out[0] = 0.1 * dw[0], NoiseStructure.NONE).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SdeProblem.of(sde, 1, 0, 1));
        assertTrue(e.getMessage().contains("none (ODE)"), e.getMessage());
        assertDoesNotThrow(() -> SdeProblem.of(Sde.ode((t, x) -> -x), 1, 0, 1));
    }

    /** A diffusion defined on part of the space only: the sampled states where it is not finite are skipped. */
    @Test
    void statesOutsideTheDiffusionsDomainAreSkipped() {
        Sde sde = Sde.builder(2, 2).drift((t, x, out) -> java.util.Arrays.fill(out, 0))
                .diagonalDiffusion((t, x, out) -> {
                    out[0] = Math.sqrt(x[0]);
                    out[1] = Math.sqrt(x[1]);
                }).build();
        assertDoesNotThrow(() -> new SdeProblem(sde, new double[] {0, 0.001}, 0, 1));
    }
}
