package org.sde4j.solver.engine;

import java.util.Arrays;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.random.NoiseModel;
import org.sde4j.random.NoiseStream;
import org.sde4j.sde.Require;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.BlockStepper;
import org.sde4j.solver.IncrementUse;
import org.sde4j.solver.NoiseSources;
import org.sde4j.solver.Scheme;
import org.sde4j.solver.SolveDivergedException;
import org.sde4j.solver.TimeGrid;
import org.sde4j.solver.scheme.DeclaredScheme;
import org.sde4j.solver.scheme.Schemes;
import org.sde4j.solver.scheme.TableauScheme;

/**
 * Fixed-step solves of a block of paths at once, in structure-of-arrays layout, driven by a
 * {@link BoxMullerStream} (or, for a scheme with its own {@linkplain Scheme#drivingNoise driving noise}, a
 * {@link NoiseStream} of that law): the engine of fast ensembles. State component i of path p lives at
 * {@code x[i · stride + p]}; each step draws {@code rows · stride} unit draws Z (rows = m, or 2m for
 * schemes that need the space-time Lévy area) and hands them to the scheme's batched step, whose inner
 * loops run over the paths of the block (SIMD-friendly) and call the SDE's batched functions
 * ({@link org.sde4j.sde.BlockField}; {@link Sde#withBlockForms}) once per block and stage.
 *
 * <pre>
 *   for each step k:   Z ← next rows·stride draws of the block's stream     (ΔW = √h Z)
 *                      X ← step(t_k, h_k, X, Z)                 (all paths of the block)
 * </pre>
 *
 * <p><b>Noise.</b> Z is standard normal, unless the scheme declares its own driving noise ({@link
 * Scheme#drivingNoise}, e.g. the two-point law of weak Euler or the three-point law of Platen's weak order-2
 * scheme): then Z is the unit-step draw ξ₁ of that law, so {@code ΔŴ = √h ξ₁} has the law at h (Kloeden &amp;
 * Platen 1992, §14.2), exactly the increment the path engine draws from the same law. The stepper is the same
 * either way; only the stream differs. {@link #solveBlock(long, long, int, SaveListener)} keys the right stream
 * by {@code (seed, block)}: {@link BoxMullerStream#of BoxMullerStream.of(seed, block)} or
 * {@link NoiseStream#of NoiseStream.of(law, seed, block)}.
 *
 * <p><b>Correlated noise.</b> When the problem's noise is correlated ({@link NoiseSources#correlated}, {@code W = L B}
 * with the factor computed once per problem), each step's m rows of unit draws are replaced per path by
 * {@code Z ← L Z} before the stepper reads them, so {@code ΔW = √h L Z}; the stepper is unchanged, which is exact
 * for the schemes {@link NoiseSources#requireSupported} accepts (see {@link IncrementUse}). Independent noise draws
 * and steps exactly as without this paragraph.
 *
 * <p><b>Reproducibility.</b> A full stride of normals is drawn per row and step whatever the number of
 * paths in the block, so path p of a block is the same whether the block holds p + 1 paths or
 * {@code stride}: results depend on the block's stream and p only.
 *
 * <p><b>Schemes.</b> Every {@linkplain TableauScheme tableau scheme} — Euler–Maruyama,
 * Heun, midpoint, Euler–Heun, RK4, derivative-free Milstein, Rößler's SRIW1, SRA1, SRA3, SOSRA, weak Euler (two-point
 * noise), Platen's weak order-2 scheme (three-point noise), and any other tableau scheme driven by Gaussian increments
 * or by a law that scales with the step — through one interpreter ({@link BlockTableauStepper}), and Itô Milstein
 * with the supplied derivative; for one noise channel or diagonal noise. {@link #supports} says whether a
 * (problem, scheme) pair fits. Other schemes step path by path ({@link PathSolver}).
 *
 * <p><b>Divergence.</b> The block is checked for NaN or infinite entries every {@value #CHECK} steps and at
 * every save; a non-finite entry makes the solver replay those steps from a snapshot (the same draws),
 * checking after each step, and throw a {@link SolveDivergedException} naming the exact step and the
 * lowest failing path of the block. (A non-finite entry stays non-finite under {@code X + increments},
 * so nothing escapes the periodic check.)
 *
 * <p>Thread-confined; after construction {@link #solveBlock} allocates nothing.
 */
public final class BlockSolver {
    /** Steps between finiteness checks. */
    static final int CHECK = 32;

    private final SdeProblem problem;
    private final int d;
    private final int stride;
    private final double[] times;
    private final int[] saveIndices;
    private final BlockStepper stepper;
    private final int rows;
    private final double[] x;
    private final double[] z;
    private final double[] snapshot;
    private final NoiseModel drivingNoise;
    private final BoxMullerStream snapshotStream = BoxMullerStream.of(0, 0);
    /** The solver's own streams for {@link #solveBlock(long, long, int, SaveListener)}, made on first use. */
    private BoxMullerStream ownGaussians;
    private NoiseStream ownNoise;
    /** The stream of the running solve: exactly one is non-null. */
    private BoxMullerStream gaussians;
    private NoiseStream noise;
    private long noiseMark;
    private final double[] initial;
    private final double[] pathState;
    /** The problem's noise factor L (row-major m × m), or null for independent noise. */
    private final double[] factor;
    /** The noise dimension m when the noise is correlated. */
    private final int channels;
    /** Whether L is lower triangular (a Cholesky factor), so that {@link #correlate} works in place. */
    private final boolean triangular;
    /** For a full L (the eigen-decomposition of a singular C): the step's independent draws; else null. */
    private final double[] independent;

    /** Receives the block's states at each save index. */
    @FunctionalInterface
    public interface SaveListener {
        /**
         * @param s      the save number (index into the save indices)
         * @param x      the states, {@code x[i · stride + p]} (not to be modified)
         * @param count  paths in the block
         * @param stride the layout's stride
         */
        void saved(int s, double[] x, int count, int stride);
    }

    /**
     * Whether {@code scheme} has a block form for {@code problem}'s SDE: it is a {@linkplain TableauScheme tableau
     * scheme} or offers a block kernel of its own (Itô Milstein, with ∂g/∂x or additive noise), the noise fits (one noise channel, or diagonal
     * noise, with the diffusion as a vector), the scheme's own requirements are met, and its increments are
     * Gaussian or drawn from its own {@linkplain Scheme#drivingNoise driving noise} whose law scales with the step
     * ({@code ΔŴ = √h ξ₁}; without a Lévy area, which such a law does not define). A new tableau scheme is
     * supported from its coefficients alone: nothing here names it.
     */
    public static boolean supports(SdeProblem problem, Scheme scheme) {
        Sde sde = problem.sde();
        NoiseModel own = scheme.drivingNoise();
        if (!BlockStepper.fitsNoise(sde) || !Schemes.supports(scheme, sde) || scheme.needsIteratedIntegrals()
                || (own != null && (!own.scalesWithStep() || scheme.needsSpaceTimeLevyArea()))
                || !NoiseSources.supports(problem, scheme)) {
            return false;
        }
        return scheme instanceof TableauScheme || fusedKernel(scheme, sde).isPresent();
    }

    /** The scheme's own block kernel for {@code sde} ({@link DeclaredScheme#fusedBlockKernel}), if it offers one. */
    private static java.util.Optional<BlockStepper.Factory> fusedKernel(Scheme scheme, Sde sde) {
        return scheme instanceof DeclaredScheme declared ? declared.fusedBlockKernel(sde) : java.util.Optional.empty();
    }

    /**
     * @param stride      paths per block (the layout's stride)
     * @param saveIndices increasing grid indices at which to report the states (0 = initial)
     * @throws IllegalArgumentException when {@link #supports} is false, the grid does not span the problem,
     *                                  or a save index is out of range
     */
    public BlockSolver(SdeProblem problem, Scheme scheme, TimeGrid grid, int stride, int... saveIndices) {
        this.problem = Require.nonNull("problem", problem);
        Require.nonNull("scheme", scheme);
        Require.nonNull("grid", grid);
        this.stride = Require.positive("stride", stride);
        NoiseSources.requireSupported(problem, scheme);
        if (!supports(problem, scheme)) {
            throw new IllegalArgumentException("scheme " + scheme.name() + " has no block form for " + problem.sde()
                    + ": BlockSolver takes the tableau schemes driven by Gaussian increments or by a noise law that"
                    + " scales with the step, and milstein (with ∂g/∂x), with one noise channel or diagonal noise;"
                    + " use PathSolver");
        }
        double span = problem.t1() - problem.t0();
        if (Math.abs(grid.startTime() - problem.t0()) > 1e-12 * span
                || Math.abs(grid.endTime() - problem.t1()) > 1e-12 * span) {
            throw new IllegalArgumentException("grid spans [" + grid.startTime() + ", " + grid.endTime()
                    + "]: must span the problem's [" + problem.t0() + ", " + problem.t1() + "]");
        }
        for (int i = 0; i < saveIndices.length; i++) {
            if (saveIndices[i] < 0 || saveIndices[i] > grid.steps() || (i > 0 && saveIndices[i] <= saveIndices[i - 1])) {
                throw new IllegalArgumentException("saveIndices[" + i + "] = " + saveIndices[i]
                        + ": must increase strictly within [0, " + grid.steps() + "]");
            }
        }
        Sde sde = problem.sde();
        this.d = sde.stateDimension();
        this.drivingNoise = scheme.drivingNoise();
        this.times = grid.sharedTimes();
        this.saveIndices = saveIndices.clone();
        this.stepper = stepperFor(sde, scheme, stride);
        this.rows = stepper.normalRows();
        this.x = new double[d * stride];
        this.z = new double[rows * stride];
        org.sde4j.sde.CorrelatedNoise correlated = NoiseSources.correlated(problem);
        this.factor = correlated == null ? null : correlated.factorRowMajor();
        this.channels = sde.noiseDimension();
        this.triangular = factor != null && lowerTriangular(factor, channels);
        this.independent = factor == null || triangular ? null : new double[channels * stride];
        this.snapshot = new double[d * stride];
        this.initial = new double[d];
        this.pathState = new double[d];
        problem.copyInitialState(initial);
    }

    /** The block stepper of a supported (SDE, scheme) pair: the scheme's own kernel if it offers one, else its tableau. */
    public static BlockStepper stepperFor(Sde sde, Scheme scheme, int stride) {
        return fusedKernel(scheme, sde).map(kernel -> kernel.create(sde, stride))
                .orElseGet(() -> new BlockTableauStepper(sde, ((TableauScheme) scheme).tableau(), stride));
    }

    /** Paths per block. */
    public int stride() {
        return stride;
    }

    /** The law of the unit draws: the scheme's own driving noise, or null for standard normals. */
    public NoiseModel drivingNoise() {
        return drivingNoise;
    }

    /**
     * Solves paths {@code 0..count−1} of block {@code block} from the problem's initial state, on the block's own
     * stream: {@code BoxMullerStream.of(seed, block)} for Gaussian increments, {@code NoiseStream.of(law, seed,
     * block)} for a scheme with its own driving noise. Path p depends on (seed, block, p) only.
     *
     * @param seed  the root seed
     * @param block the block's index (an ensemble's chunk), which keys its stream with the seed
     * @param count paths, 1..stride
     * @param saves told the states at each save index (may be null)
     * @return the final states, {@code x[i · stride + p]}, in this solver's workspace (valid until the next call)
     * @throws SolveDivergedException when a state stops being finite; its path is the index p in the block
     */
    public double[] solveBlock(long seed, long block, int count, SaveListener saves) {
        if (drivingNoise == null) {
            if (ownGaussians == null) {
                ownGaussians = BoxMullerStream.of(seed, block);
            } else {
                ownGaussians.reset(seed, block);
            }
            return solveBlock(ownGaussians, count, saves);
        }
        if (ownNoise == null) {
            ownNoise = NoiseStream.of(drivingNoise, seed, block);
        } else {
            ownNoise.reset(seed, block);
        }
        return solveBlock(ownNoise, count, saves);
    }

    /**
     * Solves paths {@code 0..count−1} of one block from the problem's initial state, on Gaussian increments.
     *
     * @param gaussians the block's stream (consumed: {@code rows · stride} draws per step)
     * @param count     paths, 1..stride
     * @param saves     told the states at each save index (may be null)
     * @return the final states, {@code x[i · stride + p]}, in this solver's workspace (valid until the next call)
     * @throws IllegalArgumentException when the scheme has its own driving noise ({@link #drivingNoise()} non-null)
     * @throws SolveDivergedException   when a state stops being finite; its path is the index p in the block
     */
    public double[] solveBlock(BoxMullerStream gaussians, int count, SaveListener saves) {
        Require.nonNull("gaussians", gaussians);
        if (drivingNoise != null) {
            throw new IllegalArgumentException("gaussians: the scheme is driven by " + drivingNoise.name()
                    + " noise, not Gaussian increments; pass a NoiseStream of " + drivingNoise.name()
                    + " (or use solveBlock(seed, block, …))");
        }
        this.gaussians = gaussians;
        this.noise = null;
        return solve(count, saves);
    }

    /**
     * Solves paths {@code 0..count−1} of one block from the problem's initial state, on draws of the scheme's own
     * driving noise.
     *
     * @param noise the block's stream of unit-step draws (consumed: {@code rows · stride} draws per step); its law
     *              must be the scheme's {@link #drivingNoise()} (the same {@linkplain NoiseModel#name name})
     * @param count paths, 1..stride
     * @param saves told the states at each save index (may be null)
     * @return the final states, {@code x[i · stride + p]}, in this solver's workspace (valid until the next call)
     * @throws IllegalArgumentException when the stream's law is not the scheme's driving noise
     * @throws SolveDivergedException   when a state stops being finite; its path is the index p in the block
     */
    public double[] solveBlock(NoiseStream noise, int count, SaveListener saves) {
        Require.nonNull("noise", noise);
        if (drivingNoise == null || !drivingNoise.name().equals(noise.model().name())) {
            throw new IllegalArgumentException("noise = " + noise.model().name() + ": the scheme is driven by "
                    + (drivingNoise == null ? "Gaussian increments (pass a BoxMullerStream)" : drivingNoise.name()
                    + " noise"));
        }
        this.gaussians = null;
        this.noise = noise;
        return solve(count, saves);
    }

    private double[] solve(int count, SaveListener saves) {
        if (count < 1 || count > stride) {
            throw new IllegalArgumentException("count = " + count + ": must lie in [1, " + stride + "]");
        }
        for (int i = 0; i < d; i++) {
            Arrays.fill(x, i * stride, i * stride + count, initial[i]);
        }
        int nextSave = 0;
        if (saveIndices.length > 0 && saveIndices[0] == 0) {
            if (saves != null) {
                saves.saved(0, x, count, stride);
            }
            nextSave = 1;
        }
        int steps = times.length - 1;
        int checked = 0; // steps verified finite
        copyState(x, snapshot, count);
        mark();
        for (int k = 0; k < steps; k++) {
            draw();
            double t = times[k];
            stepper.step(t, times[k + 1] - t, x, z, count);
            boolean save = nextSave < saveIndices.length && saveIndices[nextSave] == k + 1;
            if (save || k + 1 - checked >= CHECK || k + 1 == steps) {
                if (!finite(count)) {
                    replay(checked, k + 1, count);
                }
                checked = k + 1;
                copyState(x, snapshot, count);
                mark();
            }
            if (save) {
                if (saves != null) {
                    saves.saved(nextSave, x, count, stride);
                }
                nextSave++;
            }
        }
        return x;
    }

    /** The step's {@code rows · stride} unit draws into z. */
    private void draw() {
        if (noise == null) {
            gaussians.nextGaussians(z, 0, rows * stride);
        } else {
            noise.next(z, 0, rows * stride);
        }
        if (factor != null) {
            correlate();
        }
    }

    /**
     * {@code z_i ← Σ_j L_ij z_j} for each path of the stride (rows 0..m−1). For a lower-triangular L (Cholesky) in
     * place, rows from the last to the first (row i reads rows j ≤ i, not yet overwritten), the sum taken as
     * {@code L_ii z_i + L_i0 z_0 + … + L_i,i−1 z_i−1}; for a full L from a copy of the draws, in the order
     * j = 0..m−1. Either way a fixed formula per path, the same for every block.
     */
    private void correlate() {
        int m = channels;
        if (triangular) {
            for (int i = m - 1; i >= 0; i--) {
                int o = i * stride;
                double diagonal = factor[i * m + i];
                if (diagonal != 1.0) {
                    for (int p = 0; p < stride; p++) {
                        z[o + p] *= diagonal;
                    }
                }
                for (int j = 0; j < i; j++) {
                    double l = factor[i * m + j];
                    int q = j * stride;
                    for (int p = 0; p < stride; p++) {
                        z[o + p] += l * z[q + p];
                    }
                }
            }
            return;
        }
        System.arraycopy(z, 0, independent, 0, independent.length);
        for (int i = 0; i < m; i++) {
            int o = i * stride;
            double first = factor[i * m];
            for (int p = 0; p < stride; p++) {
                z[o + p] = first * independent[p];
            }
            for (int j = 1; j < m; j++) {
                double l = factor[i * m + j];
                int q = j * stride;
                for (int p = 0; p < stride; p++) {
                    z[o + p] += l * independent[q + p];
                }
            }
        }
    }

    private static boolean lowerTriangular(double[] l, int m) {
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                if (l[i * m + j] != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Remembers the stream's position, to replay from it. */
    private void mark() {
        if (noise == null) {
            snapshotStream.copyFrom(gaussians);
        } else {
            noiseMark = noise.position();
        }
    }

    /** Puts the stream back at the last {@link #mark}. */
    private void rewind() {
        if (noise == null) {
            gaussians.copyFrom(snapshotStream);
        } else {
            noise.rewind(noiseMark);
        }
    }

    private boolean finite(int count) {
        for (int i = 0; i < d; i++) {
            int o = i * stride;
            for (int p = 0; p < count; p++) {
                if (!Double.isFinite(x[o + p])) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Re-runs steps {@code from..to−1} from the snapshot, checking every step; throws at the first failure. */
    private void replay(int from, int to, int count) {
        copyState(snapshot, x, count);
        rewind();
        for (int k = from; k < to; k++) {
            draw();
            double t = times[k];
            stepper.step(t, times[k + 1] - t, x, z, count);
            for (int p = 0; p < count; p++) {
                for (int i = 0; i < d; i++) {
                    if (!Double.isFinite(x[i * stride + p])) {
                        for (int c = 0; c < d; c++) {
                            pathState[c] = x[c * stride + p];
                        }
                        throw new SolveDivergedException(times[k + 1], k, p, pathState);
                    }
                }
            }
        }
        throw new IllegalStateException("a non-finite state at step " + to + " did not reappear on replay: the"
                + " SDE's functions are not deterministic");
    }

    private void copyState(double[] from, double[] to, int count) {
        for (int i = 0; i < d; i++) {
            System.arraycopy(from, i * stride, to, i * stride, count);
        }
    }

    @Override
    public String toString() {
        return "BlockSolver[" + problem.sde() + ", stride " + stride + ", " + (times.length - 1) + " steps]";
    }
}
