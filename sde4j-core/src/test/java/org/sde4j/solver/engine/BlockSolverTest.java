package org.sde4j.solver.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sde4j.brownian.Increment;
import org.sde4j.problems.Problems;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.random.NoiseModels;
import org.sde4j.random.NoiseStream;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.BlockStepper;
import org.sde4j.solver.Orders;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.TimeGrid;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.Milstein;
import org.sde4j.solver.scheme.RosslerSchemes;
import org.sde4j.solver.scheme.RungeKuttaScheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.scheme.WeakSchemes;
import org.sde4j.solver.tableau.NoiseTerm;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * The block steppers compute the per-path schemes: one block step equals, path by path, the per-path
 * {@link Stepper} fed the same increments (ΔW = √h Z, H = √(h/12) Z'), to rounding; and a block solve
 * detects divergence at the same step as the path engine, allocates nothing, and treats a partial block
 * like the first paths of a full one.
 */
class BlockSolverTest {
    private static final int STRIDE = 16;

    /** A 2-d SDE with diagonal noise: a rotation drift and multiplicative noise, with ∂g_i/∂x_i. */
    static Sde diagonal2d() {
        return Sde.builder(2, 2)
                .drift((t, x, out) -> {
                    out[0] = -0.5 * x[1] + 0.1 * t;
                    out[1] = 0.5 * x[0] - 0.2 * x[1];
                })
                .diagonalDiffusion((t, x, out) -> {
                    out[0] = 0.3 * x[0];
                    out[1] = 0.2 * Math.sin(x[1]) + 0.1;
                })
                .diffusionDerivative((t, x, out) -> {
                    out[0] = 0.3;
                    out[1] = 0.2 * Math.cos(x[1]);
                })
                .build();
    }

    /** A 2-d SDE with one noise channel: EM only. */
    static Sde scalarNoise2d() {
        return Sde.builder(2, 1)
                .drift((t, x, out) -> {
                    out[0] = x[1];
                    out[1] = -x[0];
                })
                .scalarDiffusion((t, x, out) -> {
                    out[0] = 0.1 * x[0];
                    out[1] = 0.2;
                })
                .build();
    }

    /** A 2-d SDE with diagonal noise whose diffusion does not depend on the state. */
    static Sde additive2d() {
        return Sde.builder(2, 2)
                .drift((t, x, out) -> {
                    out[0] = -x[0] + Math.sin(x[1]);
                    out[1] = -0.5 * x[1] * x[1] * x[1];
                })
                .diffusion((t, x, dw, out) -> {
                    out[0] = 0.3 * (1 + t) * dw[0];
                    out[1] = 0.2 * dw[1];
                }, NoiseStructure.DIAGONAL)
                .build();
    }

    /** Euler–Maruyama's tableau driven by Bernoulli gates: a law that ignores h, so no block form. */
    static final RungeKuttaScheme BERNOULLI_EULER = RungeKuttaScheme.of("bernoulli-euler", "test only",
            org.sde4j.sde.Calculus.ITO, java.util.EnumSet.of(NoiseStructure.GENERAL),
            Orders.strong(0.0).weak(0.0).classical(1.0),
            StochasticTableau.builder(new double[] {0}, new double[][] {{0}}, new double[] {1})
                    .noise(NoiseTerm.DW, new double[][] {{0}}, new double[] {1}).build(),
            NoiseModels.bernoulli(0.5));

    private record Case(String name, Sde sde, double[] x0, Scheme scheme) {
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        List<Scheme> schemes = Schemes.all();
        Object[][] problems = {
            {"gbm", Problems.gbm().problem().sde(), new double[] {0.5}},
            {"additive", Problems.additive().problem().sde(), new double[] {1.0}},
            {"ou", Problems.ou().problem().sde(), new double[] {1.0}},
            {"cubic", Problems.cubic().problem().sde(), new double[] {0.5}},
            {"wave", Problems.wave().problem().sde(), new double[] {1.0}},
            {"logistic", Problems.logistic().problem().sde(), new double[] {0.5}},
            {"diagonal-2d", diagonal2d(), new double[] {1.0, 0.5}},
            {"scalar-noise-2d", scalarNoise2d(), new double[] {1.0, 0.5}},
            {"additive-2d", additive2d(), new double[] {0.3, -0.4}},
        };
        for (Object[] p : problems) {
            for (Scheme s : schemes) {
                Sde sde = (Sde) p[1];
                if (sde.calculus() != s.calculus()) {
                    try {
                        sde = sde.convertedTo(s.calculus()); // the same process, in the scheme's calculus
                    } catch (IllegalArgumentException noDerivative) {
                        continue;
                    }
                }
                SdeProblem problem = new SdeProblem(sde, (double[]) p[2], 0, 1);
                if (BlockSolver.supports(problem, s)) {
                    cases.add(new Case(p[0] + " / " + s.name(), sde, (double[]) p[2], s));
                }
            }
        }
        return cases;
    }

    @Test
    void everyCaseIsCovered() {
        List<String> names = cases().stream().map(Case::name).toList();
        for (String expected : new String[] {"gbm / euler-maruyama", "gbm / milstein", "gbm / sriw1", "additive / sra1",
            "additive / sosra", "diagonal-2d / milstein", "diagonal-2d / sriw1", "scalar-noise-2d / euler-maruyama",
            "additive-2d / sriw1", "ou / sra3", "cubic / sriw1", "gbm / heun", "gbm / midpoint", "gbm / euler-heun",
            "gbm / milstein-df", "gbm / milstein-df-strat", "diagonal-2d / heun", "diagonal-2d / milstein-df",
            "additive / sra3", "gbm / weak-euler", "gbm / platen-weak2", "diagonal-2d / platen-weak2",
            "additive-2d / weak-euler", "cubic / platen-weak2"}) {
            assertTrue(names.contains(expected), expected + " missing from " + names);
        }
        assertFalse(names.contains("scalar-noise-2d / milstein"), "Milstein needs d = 1 for scalar noise");
    }

    @Test
    void aBlockStepIsThePerPathStepOnTheSameIncrements() {
        SplittableRandom random = new SplittableRandom(8);
        for (Case c : cases()) {
            Sde sde = c.sde();
            int d = sde.stateDimension();
            int m = sde.noiseDimension();
            BlockStepper block = BlockSolver.stepperFor(sde, c.scheme(), STRIDE);
            Stepper single = c.scheme().newStepper(sde);
            boolean levy = block.normalRows() == 2 * m;
            Increment increment = new Increment(m, false, levy);
            int count = 13; // a partial block
            for (int trial = 0; trial < 5; trial++) {
                double t = random.nextDouble() * 0.5;
                double h = 0.01 + 0.1 * random.nextDouble();
                double[] x = new double[d * STRIDE];
                double[] z = new double[block.normalRows() * STRIDE];
                for (int k = 0; k < x.length; k++) {
                    x[k] = c.x0()[k / STRIDE] + 0.05 * random.nextGaussian();
                }
                // the scheme's own law (unit-step draws ξ₁: ±1, or ±√3 and 0), else standard normals
                org.sde4j.random.NoiseModel.NoiseSampler own = c.scheme().drivingNoise() == null ? null
                        : c.scheme().drivingNoise().sampler(org.sde4j.random.RandomStreams.stream(8, trial));
                for (int k = 0; k < z.length; k++) {
                    z[k] = own == null ? random.nextGaussian() : own.sample(1.0);
                }
                double[] before = x.clone();
                block.step(t, h, x, z, count);
                for (int p = 0; p < count; p++) {
                    double[] state = new double[d];
                    for (int i = 0; i < d; i++) {
                        state[i] = before[i * STRIDE + p];
                    }
                    double[] dw = new double[m];
                    double[] area = new double[m];
                    for (int j = 0; j < m; j++) {
                        dw[j] = Math.sqrt(h) * z[j * STRIDE + p];
                        if (levy) {
                            area[j] = Math.sqrt(h / 12) * z[(m + j) * STRIDE + p];
                        }
                    }
                    increment.setStepSize(h);
                    increment.load(dw, 0);
                    if (levy) {
                        increment.loadSpaceTimeLevyArea(area, 0);
                    }
                    single.step(t, state, increment);
                    for (int i = 0; i < d; i++) {
                        double expected = state[i];
                        assertEquals(expected, x[i * STRIDE + p], 1e-13 * Math.max(1, Math.abs(expected)),
                                c.name() + ", trial " + trial + ", path " + p + ", component " + i);
                    }
                }
                for (int k = 0; k < d; k++) {
                    for (int p = count; p < STRIDE; p++) {
                        assertEquals(before[k * STRIDE + p], x[k * STRIDE + p], 0.0, "paths beyond count untouched");
                    }
                }
            }
        }
    }

    @Test
    void aPartialBlockSolvesTheFirstPathsOfAFullOne() {
        SdeProblem problem = Problems.gbm().problem();
        BlockSolver solver = new BlockSolver(problem, Milstein.ITO, TimeGrid.uniform(0, 1, 100), STRIDE, 50, 100);
        double[] full = solver.solveBlock(BoxMullerStream.of(3, 4), STRIDE, null).clone();
        double[] part = solver.solveBlock(BoxMullerStream.of(3, 4), 5, null);
        for (int p = 0; p < 5; p++) {
            assertEquals(full[p], part[p], 0.0, "path " + p);
        }
    }

    @Test
    void divergenceIsReportedAtTheStepThePathEngineReports() {
        // x' = x² from x0 = 1 blows up at t = 1; with noise switched off both engines do the same arithmetic.
        Sde blowUp = Sde.scalar((t, x) -> x * x, (t, x) -> 0.0);
        SdeProblem problem = SdeProblem.of(blowUp, 1.0, 0, 3);
        TimeGrid grid = TimeGrid.uniform(0, 3, 300);
        SolveDivergedException path = assertThrows(SolveDivergedException.class,
                () -> new PathSolver(problem, EulerMaruyama.INSTANCE, grid).solve(
                        Solver.streamingBrownian(problem, 1), new double[0][]));
        BlockSolver solver = new BlockSolver(problem, EulerMaruyama.INSTANCE, grid, STRIDE, 300);
        SolveDivergedException block = assertThrows(SolveDivergedException.class,
                () -> solver.solveBlock(BoxMullerStream.of(1, 0), 7, null));
        assertEquals(path.step(), block.step());
        assertEquals(path.time(), block.time(), 0.0);
        assertEquals(0, block.path());
        assertTrue(block.step() % BlockSolver.CHECK != BlockSolver.CHECK - 1 || block.step() > 0, block.getMessage());
    }

    @Test
    void divergenceNamesTheFirstFailingPathOfTheBlock() {
        // only paths whose x0-independent noise pushes them up blow up: dX = X² dt + X dW from 1 over a long span
        Sde sde = Sde.scalar((t, x) -> x * x, (t, x) -> 2 * x);
        SdeProblem problem = SdeProblem.of(sde, 1.0, 0, 2);
        BlockSolver solver = new BlockSolver(problem, EulerMaruyama.INSTANCE, TimeGrid.uniform(0, 2, 400), STRIDE, 400);
        SolveDivergedException e = assertThrows(SolveDivergedException.class,
                () -> solver.solveBlock(BoxMullerStream.of(5, 0), STRIDE, null));
        // replaying the reported path alone by hand reaches a non-finite value at exactly that step
        BoxMullerStream z = BoxMullerStream.of(5, 0);
        double[] row = new double[STRIDE];
        double h = 2.0 / 400;
        double[] x = new double[STRIDE];
        java.util.Arrays.fill(x, 1.0);
        int firstStep = -1;
        int firstPath = -1;
        for (int k = 0; k < 400 && firstStep < 0; k++) {
            z.nextGaussians(row, 0, STRIDE);
            for (int p = 0; p < STRIDE; p++) {
                x[p] += x[p] * x[p] * h + 2 * x[p] * (Math.sqrt(h) * row[p]);
                if (!Double.isFinite(x[p]) && firstStep < 0) {
                    firstStep = k;
                    firstPath = p;
                }
            }
        }
        assertEquals(firstStep, e.step());
        assertEquals(firstPath, e.path());
    }

    /**
     * A weak scheme's block solve is, path by path, the per-path solve on the same draws: path p of step k takes
     * draw {@code k · stride + p} of {@code NoiseStream.of(law, seed, block)} as ΔŴ = √h ξ₁, the increment the path
     * engine forms from the same law. Partial block, saves, and the keyed overload all agree.
     */
    @Test
    void aWeakSchemeOnTheBlockEngineIsThePerPathSolveOnItsOwnDraws() {
        for (Scheme scheme : new Scheme[] {WeakSchemes.PLATEN_WEAK_2, WeakSchemes.WEAK_EULER}) {
            for (Object[] p : new Object[][] {{Problems.gbm().problem().sde(), new double[] {0.5}},
                {Problems.cubic().problem().sde(), new double[] {0.5}}, {diagonal2d(), new double[] {1.0, 0.5}}}) {
                Sde sde = (Sde) p[0];
                double[] x0 = (double[]) p[1];
                int d = x0.length;
                int m = sde.noiseDimension();
                int steps = 40;
                int count = 11;
                SdeProblem problem = new SdeProblem(sde, x0, 0, 1);
                BlockSolver solver = new BlockSolver(problem, scheme, TimeGrid.uniform(0, 1, steps), STRIDE, steps);
                double[] block = solver.solveBlock(6, 2, count, null).clone();
                double[] viaStream = solver.solveBlock(NoiseStream.of(scheme.drivingNoise(), 6, 2), count, null);
                assertEquals(java.util.Arrays.toString(block), java.util.Arrays.toString(viaStream));
                NoiseStream draws = NoiseStream.of(scheme.drivingNoise(), 6, 2);
                double[] z = new double[m * STRIDE];
                double[][] paths = new double[count][];
                Stepper single = scheme.newStepper(sde);
                Increment increment = new Increment(m, false, false);
                for (int q = 0; q < count; q++) {
                    paths[q] = x0.clone();
                }
                double h = 1.0 / steps;
                TimeGrid grid = TimeGrid.uniform(0, 1, steps);
                for (int k = 0; k < steps; k++) {
                    draws.next(z, 0, z.length);
                    double hk = grid.time(k + 1) - grid.time(k);
                    for (int q = 0; q < count; q++) {
                        double[] dw = new double[m];
                        for (int j = 0; j < m; j++) {
                            dw[j] = Math.sqrt(hk) * z[j * STRIDE + q];
                        }
                        increment.setStepSize(hk);
                        increment.load(dw, 0);
                        single.step(grid.time(k), paths[q], increment);
                    }
                }
                for (int q = 0; q < count; q++) {
                    for (int i = 0; i < d; i++) {
                        double expected = paths[q][i];
                        assertEquals(expected, block[i * STRIDE + q], 1e-13 * Math.max(1, Math.abs(expected)),
                                scheme.name() + " on " + sde + ", path " + q + ", component " + i + " (h = " + h + ")");
                    }
                }
            }
        }
    }

    /** A diverging weak-scheme block replays its own draws (rewound, not redrawn) and names the first failure. */
    @Test
    void aWeakSchemeDivergesAtTheStepItsDrawsGiveIt() {
        // driftless, g = 3x²: whether and when |x| explodes depends on the signs drawn, so other draws on replay
        // would name another step or path (or none)
        Sde sde = Sde.scalar((t, x) -> 0.0, (t, x) -> 3 * x * x);
        SdeProblem problem = SdeProblem.of(sde, 1.0, 0, 2);
        int steps = 400;
        BlockSolver solver = new BlockSolver(problem, WeakSchemes.WEAK_EULER, TimeGrid.uniform(0, 2, steps), STRIDE,
                steps);
        int diverged = 0;
        for (long block = 0; block < 8; block++) {
            // the first failure by hand: the same draws, path by path
            NoiseStream z = NoiseStream.of(NoiseModels.twoPoint(), 5, block);
            double[] row = new double[STRIDE];
            double h = 2.0 / steps;
            double[] x = new double[STRIDE];
            java.util.Arrays.fill(x, 1.0);
            int firstStep = -1;
            int firstPath = -1;
            for (int k = 0; k < steps && firstStep < 0; k++) {
                z.next(row, 0, STRIDE);
                for (int p = 0; p < STRIDE; p++) {
                    x[p] += 3 * x[p] * x[p] * (Math.sqrt(h) * row[p]);
                    if (!Double.isFinite(x[p]) && firstStep < 0) {
                        firstStep = k;
                        firstPath = p;
                    }
                }
            }
            long b = block;
            if (firstStep < 0) {
                solver.solveBlock(5, b, STRIDE, null); // no failure by hand, none on the block engine
                continue;
            }
            SolveDivergedException e = assertThrows(SolveDivergedException.class,
                    () -> solver.solveBlock(5, b, STRIDE, null), "block " + block);
            assertEquals(firstStep, e.step(), "block " + block);
            assertEquals(firstPath, e.path(), "block " + block);
            diverged += firstStep % BlockSolver.CHECK != BlockSolver.CHECK - 1 ? 1 : 0;
        }
        assertTrue(diverged >= 2, "blocks failing between two checks (so replayed): " + diverged);
    }

    /**
     * Once compiled, a block solve allocates nothing (the vector API's intermediate vectors live in registers).
     * Before the JIT compiles it, the interpreter does allocate; so the solve is repeated, at most 400 times,
     * until one run allocates less than 2 KiB — on a loaded machine compilation only comes later.
     */
    @Test
    void solvingABlockAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (Scheme scheme : new Scheme[] {EulerMaruyama.INSTANCE, Milstein.ITO, RosslerSchemes.SRIW1}) {
            BlockSolver solver = new BlockSolver(Problems.cubic().problem(), scheme, TimeGrid.uniform(0, 1, 2000),
                    64, 1000, 2000);
            BoxMullerStream z = BoxMullerStream.of(1, 1);
            double[] sink = new double[1];
            BlockSolver.SaveListener listener = (s, x, n, stride) -> sink[0] += x[0];
            long least = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 400 && least >= 2048; attempt++) {
                long before = threads.getThreadAllocatedBytes(thread);
                solver.solveBlock(z, 64, listener);
                least = Math.min(least, threads.getThreadAllocatedBytes(thread) - before);
            }
            assertTrue(least < 2048, scheme.name() + " allocated at least " + least + " bytes in every one of 400"
                    + " solves of 2000 steps of 64 paths");
        }
    }

    @Test
    void rejectsWhatItCannotSolve() {
        SdeProblem twoNoise = Problems.gbm2noise().problem();
        assertFalse(BlockSolver.supports(twoNoise, EulerMaruyama.INSTANCE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new BlockSolver(twoNoise, EulerMaruyama.INSTANCE, TimeGrid.uniform(0, 5, 10), 8));
        assertTrue(e.getMessage().contains("PathSolver"), e.getMessage());
        assertTrue(BlockSolver.supports(Problems.gbm().problem(), Schemes.byName("platen-weak2")));
        assertFalse(BlockSolver.supports(Problems.gbm().problem(), BERNOULLI_EULER), "Bernoulli noise ignores h");
        assertThrows(IllegalArgumentException.class, () -> new BlockSolver(Problems.gbm().problem(), BERNOULLI_EULER,
                TimeGrid.uniform(0, 1, 10), 8));
        BlockSolver platen = new BlockSolver(Problems.gbm().problem(), WeakSchemes.PLATEN_WEAK_2,
                TimeGrid.uniform(0, 1, 10), 8, 10);
        IllegalArgumentException gaussians = assertThrows(IllegalArgumentException.class,
                () -> platen.solveBlock(BoxMullerStream.of(1, 1), 8, null));
        assertTrue(gaussians.getMessage().contains("three-point"), gaussians.getMessage());
        IllegalArgumentException law = assertThrows(IllegalArgumentException.class,
                () -> platen.solveBlock(NoiseStream.of(NoiseModels.twoPoint(), 1, 1), 8, null));
        assertTrue(law.getMessage().contains("two-point") && law.getMessage().contains("three-point"), law.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new BlockSolver(Problems.gbm().problem(),
                EulerMaruyama.INSTANCE, TimeGrid.uniform(0, 1, 10), 8, 10)
                .solveBlock(NoiseStream.of(NoiseModels.threePoint(), 1, 1), 8, null));
        assertTrue(BlockSolver.supports(Problems.gbm().problem(), Schemes.byName("milstein-df")));
        IllegalArgumentException forms = assertThrows(IllegalArgumentException.class,
                () -> twoNoise.sde().withBlockForms(null, (t, x, out, n, stride) -> { }, null));
        assertTrue(forms.getMessage().contains("commutative") && forms.getMessage().contains("m = 2"), forms.getMessage());
        // a conversion to Stratonovich changes the drift: the batched drift must not survive it
        Sde withForms = Problems.gbm().problem().sde().withBlockForms((t, x, out, n, stride) -> { }, null, null);
        double[] converted = new double[1];
        withForms.convertedTo(org.sde4j.sde.Calculus.STRATONOVICH).blockDrift()
                .evaluate(0, new double[] {1.0}, converted, 1, 1);
        assertEquals(1.01 - 0.5 * 0.87 * 0.87, converted[0], 1e-15, "the corrected drift, not the stale batched one");
        BlockSolver solver = new BlockSolver(Problems.gbm().problem(), EulerMaruyama.INSTANCE,
                TimeGrid.uniform(0, 1, 10), 8, 10);
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> solver.solveBlock(BoxMullerStream.of(1, 1), 9, null));
        assertTrue(count.getMessage().contains("count = 9"), count.getMessage());
    }
}
