package org.sde4j.solver.scheme;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;
import org.sde4j.solver.BlockStepper;
import org.sde4j.solver.ErrorEstimatingStepper;
import org.sde4j.solver.Orders;
import org.sde4j.solver.Stepper;
import org.sde4j.solver.tableau.NoiseTerm;
import org.sde4j.solver.tableau.RosslerTableau;
import org.sde4j.solver.tableau.StochasticTableau;
import org.sde4j.solver.tableau.TableauPlan;

/**
 * A scheme defined by a {@link StochasticTableau}: the one generic explicit stochastic Runge–Kutta step,
 * written once for every tableau.
 *
 * <p>Two ways of evaluating the diffusion terms {@code g(H_i) · ξ_r}: when g has a vector form (one
 * noise channel, or diagonal noise) the stage's g is evaluated once and multiplied componentwise by
 * each ξ_r; otherwise (general noise) the product {@code g(H_i) · ξ_r} is evaluated once per stage and
 * noise term. Stage and weight coefficients that are zero cost nothing. The workspace is allocated by
 * {@link #newStepper}; a step allocates nothing.
 */
public final class RungeKuttaScheme extends DeclaredScheme implements TableauScheme {
    /** The weight δ of the drift part of an embedded error estimate (StochasticDiffEq.jl's default, 1/6). */
    public static final double ERROR_DELTA = 1.0 / 6;

    private final StochasticTableau tableau;
    private final org.sde4j.random.NoiseModel drivingNoise;
    /** The scheme's own per-path step, or null for the generic {@link TableauStepper}. */
    private final Function<Sde, Stepper> fusedStepper;
    /** The scheme's own block kernel, or null for the generic {@link org.sde4j.solver.engine.BlockTableauStepper
     * BlockTableauStepper}. */
    private final BlockStepper.Factory fusedBlockKernel;

    /** Largest order-condition residual accepted at construction. */
    static final double CONDITION_TOLERANCE = 1e-10;

    private RungeKuttaScheme(String name, String description, Calculus calculus, Set<NoiseStructure> supportedNoise,
            Orders orders, StochasticTableau tableau, org.sde4j.random.NoiseModel drivingNoise,
            Function<Sde, Stepper> fusedStepper, BlockStepper.Factory fusedBlockKernel) {
        super(name, description, calculus, supportedNoise, orders, tableau.driftEvaluations(),
                tableau.diffusionEvaluations());
        this.tableau = tableau;
        this.drivingNoise = drivingNoise;
        this.fusedStepper = fusedStepper;
        this.fusedBlockKernel = fusedBlockKernel;
        checkConditions("classical order " + orders.classical(), classicalResiduals(tableau, orders));
        if (calculus == Calculus.STRATONOVICH && tableau.noiseTerms().equals(List.of(NoiseTerm.DW))
                && (orders.strong() >= 1 || orders.strongOn().values().stream().anyMatch(o -> o >= 1))) {
            checkConditions("Stratonovich strong order 1", tableau.orderConditionResiduals(1, true));
        }
    }

    /**
     * This scheme, the same declarations and tableau, with fused kernels of its own: a hand-written per-path step
     * that {@link #newStepper} returns instead of the generic tableau step, and a block kernel that {@link
     * org.sde4j.solver.engine.BlockSolver BlockSolver} runs instead of {@link
     * org.sde4j.solver.engine.BlockTableauStepper BlockTableauStepper}. Each must compute the tableau's update (tests
     * bind
     * each kernel to the generic step); each is there only because a measured margin earns it its place, which the
     * kernel's javadoc states.
     *
     * @param stepper the per-path step for an SDE the scheme {@linkplain #checkSupports supports}, or null
     * @param block   the block kernel, or null
     * @return the scheme with its kernels
     */
    RungeKuttaScheme withFusedKernels(Function<Sde, Stepper> stepper, BlockStepper.Factory block) {
        return new RungeKuttaScheme(name(), description(), calculus(), supportedNoise(), orders(), tableau,
                drivingNoise, stepper, block);
    }

    /** Whether {@link #newStepper} returns a hand-written step rather than the generic tableau step. */
    public boolean hasFusedStepper() {
        return fusedStepper != null;
    }

    /**
     * The generic tableau step for {@code sde}, whatever fused step the scheme has: what the tests compare a fused
     * per-path step with.
     */
    public Stepper tableauStepper(Sde sde) {
        checkSupports(sde);
        return tableau.hasErrorEstimate() ? new EmbeddedTableauStepper(sde, tableau) : new TableauStepper(sde, tableau);
    }

    @Override
    public java.util.Optional<BlockStepper.Factory> fusedBlockKernel(Sde sde) {
        return java.util.Optional.ofNullable(fusedBlockKernel);
    }

    /**
     * A scheme from its tableau, driven by Gaussian increments: the public way to add a scheme (a constant,
     * then one line in {@link Schemes}). The tableau's order conditions for the declared orders are checked
     * here: the classical conditions up to {@code orders.classical()} (Butcher's, up to order 4) and, for a
     * Stratonovich tableau whose only noise term is ΔW and that declares strong order 1 on some noise structure,
     * {@code Σβ = 1, Σβ(Be) = 1/2} (Burrage &amp; Burrage 1996; with other noise terms, such as the squared increment
     * of derivative-free Milstein, the order-1 term comes from those and these conditions do not apply). Weak-order conditions are not checked here: the registry's weak-order test
     * measures them.
     *
     * <pre>{@code
     * RungeKuttaScheme heun = RungeKuttaScheme.of("heun", "stochastic Heun", Calculus.STRATONOVICH,
     *         EnumSet.of(NoiseStructure.GENERAL),
     *         Orders.strong(0.5).strongOn(NoiseStructure.COMMUTATIVE, 1.0).weak(1).classical(2), tableau);
     * }</pre>
     *
     * @param name           the registry name
     * @param description    one line: the update formula and its reference
     * @param calculus       the calculus the scheme approximates
     * @param supportedNoise the noise structures it solves (and their special cases)
     * @param orders         the declared orders
     * @param tableau        the coefficients
     * @return the scheme
     * @throws IllegalArgumentException when the orders are incomplete or an order condition fails (the message
     *                                  names the condition and its residual)
     */
    public static RungeKuttaScheme of(String name, String description, Calculus calculus,
            Set<NoiseStructure> supportedNoise, Orders orders, StochasticTableau tableau) {
        return new RungeKuttaScheme(name, description, calculus, supportedNoise, orders, tableau, null, null, null);
    }

    /**
     * The same, driven by {@code drivingNoise} instead of Gaussian increments (the weak schemes' two- and
     * three-point increments).
     *
     * @param name           the registry name
     * @param description    one line: the update formula and its reference
     * @param calculus       the calculus the scheme approximates
     * @param supportedNoise the noise structures it solves
     * @param orders         the declared orders
     * @param tableau        the coefficients
     * @param drivingNoise   the law of the normalised increments
     * @return the scheme
     * @throws IllegalArgumentException as {@link #of(String, String, Calculus, Set, Orders, StochasticTableau)}
     */
    public static RungeKuttaScheme of(String name, String description, Calculus calculus,
            Set<NoiseStructure> supportedNoise, Orders orders, StochasticTableau tableau,
            org.sde4j.random.NoiseModel drivingNoise) {
        return new RungeKuttaScheme(name, description, calculus, supportedNoise, orders, tableau,
                java.util.Objects.requireNonNull(drivingNoise, "drivingNoise"), null, null);
    }

    /**
     * An Itô scheme from Rößler's SRI or SRA coefficients. Besides the classical conditions, a declared strong
     * order of 1.5 requires Rößler's (2010) strong-order-1.5 conditions ({@link RosslerTableau#orderConditionResiduals}).
     *
     * @param name           the registry name
     * @param description    one line: the method and its reference
     * @param supportedNoise the noise structures it solves
     * @param orders         the declared orders
     * @param tableau        the SRI or SRA coefficients
     * @return the scheme
     * @throws IllegalArgumentException when an order condition fails
     */
    public static RungeKuttaScheme of(String name, String description, Set<NoiseStructure> supportedNoise,
            Orders orders, RosslerTableau tableau) {
        if (orders.strong() >= 1.5 || orders.strongOn().values().stream().anyMatch(o -> o >= 1.5)) {
            checkConditions(name, "strong order 1.5 (Rößler 2010)", tableau.orderConditionResiduals());
        }
        return of(name, description, Calculus.ITO, supportedNoise, orders, tableau.toStochasticTableau());
    }

    private static Map<String, Double> classicalResiduals(StochasticTableau tableau, Orders orders) {
        double order = orders.classical();
        if (order < 1) {
            return Map.of();
        }
        if (order > 4 || order != Math.rint(order)) {
            throw new IllegalArgumentException("classical order = " + order + ": a tableau's classical order must be"
                    + " 1, 2, 3 or 4 (the conditions checked at construction)");
        }
        return tableau.orderConditionResiduals((int) order, false);
    }

    private void checkConditions(String what, Map<String, Double> residuals) {
        checkConditions(name(), what, residuals);
    }

    private static void checkConditions(String scheme, String what, Map<String, Double> residuals) {
        for (Map.Entry<String, Double> e : residuals.entrySet()) {
            if (!(Math.abs(e.getValue()) <= CONDITION_TOLERANCE)) {
                throw new IllegalArgumentException("scheme " + scheme + ": the tableau fails " + e.getKey()
                        + " (residual " + e.getValue() + "), a condition of the declared " + what);
            }
        }
    }

    @Override
    public org.sde4j.random.NoiseModel drivingNoise() {
        return drivingNoise;
    }

    @Override
    public StochasticTableau tableau() {
        return tableau;
    }

    @Override
    public boolean needsSpaceTimeLevyArea() {
        return tableau.needsSpaceTimeLevyArea();
    }

    /** The scheme's fused per-path step if it has one ({@link #withFusedKernels}), else the generic tableau step. */
    @Override
    public Stepper newStepper(Sde sde) {
        if (fusedStepper != null) {
            checkSupports(sde);
            return fusedStepper.apply(sde);
        }
        return tableauStepper(sde);
    }

    /** The generic step plus its embedded error estimate. */
    private static final class EmbeddedTableauStepper extends TableauStepper implements ErrorEstimatingStepper {
        private final double[] errorDrift;
        private final double[][] errorNoise;
        private final double[] errorUnseen;

        EmbeddedTableauStepper(Sde sde, StochasticTableau tableau) {
            super(sde, tableau);
            errorDrift = new double[s];
            errorNoise = new double[s][terms.length];
            errorUnseen = new double[s];
            for (int i = 0; i < s; i++) {
                errorDrift[i] = tableau.errorDrift(i);
                errorUnseen[i] = tableau.errorUnseen(i);
                for (int r = 0; r < terms.length; r++) {
                    errorNoise[i][r] = tableau.errorNoise(terms[r], i);
                }
            }
        }

        @Override
        public void lastError(double[] out) {
            for (int k = 0; k < d; k++) {
                double e1 = 0;
                double e2 = 0;
                double e3 = 0;
                for (int i = 0; i < s; i++) {
                    e1 += errorDrift[i] * f[i][k];
                    if (errorUnseen[i] != 0) {
                        e3 += errorUnseen[i] * Math.abs(f[i][k] - f[0][k]);
                    }
                    for (int r = 0; r < terms.length; r++) {
                        double w = errorNoise[i][r];
                        if (w != 0) {
                            e2 += w * (vectorForm ? g[i][k] * xi[r][scalarNoise ? 0 : k] : gxi[i][r][k]);
                        }
                    }
                }
                out[k] = ERROR_DELTA * Math.abs(lastH * e1) + Math.abs(e2) + lastH * e3;
            }
        }
    }

    /**
     * The generic step; holds one thread's workspace. It reads the tableau's {@link TableauPlan} (for each
     * target — a stage or the update — the non-zero drift and diffusion sources), so a step touches only what
     * is non-zero.
     */
    private static class TableauStepper implements Stepper {
        private final Sde sde;
        final int d;
        private final int m;
        final int s;
        final NoiseTerm[] terms;
        final boolean vectorForm;
        final boolean scalarNoise;
        double lastH;
        private final boolean levyArea;
        private final double[] c;
        private final boolean[] drift;
        private final boolean[][] diffusion;
        private final int[][] driftFrom;
        private final double[][] driftCoefficient;
        private final int[][] diffusionFrom;
        private final int[][] diffusionTerm;
        private final double[][] diffusionCoefficient;
        private final double[][] stage;
        final double[][] f;
        /** vector form: g(H_i) per stage; product form: unused. */
        final double[][] g;
        /** product form: g(H_i)·ξ_r per stage and term; vector form: unused. */
        final double[][][] gxi;
        final double[][] xi;
        private final boolean scalarPath;
        private final boolean[] anyDiffusion;
        private final double[] scalarPoint = new double[1];

        TableauStepper(Sde sde, StochasticTableau tableau) {
            TableauPlan plan = tableau.plan();
            this.sde = sde;
            this.d = sde.stateDimension();
            this.m = sde.noiseDimension();
            this.s = plan.s;
            this.terms = plan.terms;
            this.vectorForm = sde.hasDiffusionVector();
            this.scalarNoise = m == 1;
            this.levyArea = plan.levyArea;
            this.c = plan.c;
            this.drift = plan.drift;
            this.diffusion = plan.diffusion;
            this.anyDiffusion = plan.anyDiffusion;
            this.driftFrom = plan.driftFrom;
            this.driftCoefficient = plan.driftCoefficient;
            this.diffusionFrom = plan.diffusionFrom;
            this.diffusionTerm = plan.diffusionTerm;
            this.diffusionCoefficient = plan.diffusionCoefficient;
            this.stage = new double[s][d];
            this.f = new double[s][d];
            this.g = new double[s][d];
            this.gxi = new double[s][terms.length][d];
            this.xi = new double[terms.length][m];
            this.scalarPath = d == 1 && m == 1 && vectorForm;
        }

        @Override
        public void step(double t, double[] x, Increment noise) {
            if (scalarPath) {
                stepScalar(t, x, noise);
                return;
            }
            double h = noise.h();
            lastH = h;
            double sqrtH = Math.sqrt(h);
            double[] dw = noise.dw();
            double[] area = levyArea ? noise.spaceTimeLevyArea() : null;
            for (int r = 0; r < terms.length; r++) {
                for (int j = 0; j < m; j++) {
                    xi[r][j] = terms[r].value(dw[j], h, sqrtH, area != null ? area[j] : 0.0);
                }
            }
            for (int i = 0; i < s; i++) {
                double[] hi = stage[i];
                System.arraycopy(x, 0, hi, 0, d);
                accumulate(hi, i, h);
                double ti = t + c[i] * h;
                if (drift[i]) {
                    sde.drift(ti, hi, f[i]);
                }
                evaluateDiffusion(ti, i);
            }
            accumulate(x, s, h);
        }

        /**
         * The same step for one state and one noise (d = m = 1, g as a value): stage values in registers
         * rather than arrays; only the user's functions see one-element arrays.
         */
        private void stepScalar(double t, double[] x, Increment noise) {
            double h = noise.h();
            lastH = h;
            double sqrtH = Math.sqrt(h);
            double w = noise.dw()[0];
            double area = levyArea ? noise.spaceTimeLevyArea()[0] : 0.0;
            for (int r = 0; r < terms.length; r++) {
                xi[r][0] = terms[r].value(w, h, sqrtH, area);
            }
            double x0 = x[0];
            double[] point = scalarPoint;
            for (int i = 0; i < s; i++) {
                point[0] = x0 + increment(i, h);
                double ti = t + c[i] * h;
                if (drift[i]) {
                    sde.drift(ti, point, f[i]);
                }
                if (anyDiffusion[i]) {
                    sde.diffusionVector(ti, point, g[i]);
                }
            }
            x[0] = x0 + increment(s, h);
        }

        /** Σ (a h) f_j + Σ b g_j ξ_r over the non-zero sources of {@code index}, for d = m = 1. */
        private double increment(int index, double h) {
            double sum = 0;
            int[] from = driftFrom[index];
            double[] coefficient = driftCoefficient[index];
            for (int n = 0; n < from.length; n++) {
                sum += coefficient[n] * h * f[from[n]][0];
            }
            int[] gFrom = diffusionFrom[index];
            int[] gTerm = diffusionTerm[index];
            double[] gCoefficient = diffusionCoefficient[index];
            for (int n = 0; n < gFrom.length; n++) {
                sum += gCoefficient[n] * g[gFrom[n]][0] * xi[gTerm[n]][0];
            }
            return sum;
        }

        /** target += Σ (a h) f_j + Σ b (g_j · ξ_r) over the non-zero sources of {@code index}. */
        private void accumulate(double[] target, int index, double h) {
            int[] from = driftFrom[index];
            double[] coefficient = driftCoefficient[index];
            for (int n = 0; n < from.length; n++) {
                double a = coefficient[n] * h;
                double[] fj = f[from[n]];
                for (int k = 0; k < d; k++) {
                    target[k] += a * fj[k];
                }
            }
            int[] gFrom = diffusionFrom[index];
            int[] gTerm = diffusionTerm[index];
            double[] gCoefficient = diffusionCoefficient[index];
            for (int n = 0; n < gFrom.length; n++) {
                double b = gCoefficient[n];
                if (vectorForm) {
                    double[] gj = g[gFrom[n]];
                    double[] xr = xi[gTerm[n]];
                    if (scalarNoise) {
                        double w = b * xr[0];
                        for (int k = 0; k < d; k++) {
                            target[k] += w * gj[k];
                        }
                    } else {
                        for (int k = 0; k < d; k++) {
                            target[k] += b * gj[k] * xr[k];
                        }
                    }
                } else {
                    double[] p = gxi[gFrom[n]][gTerm[n]];
                    for (int k = 0; k < d; k++) {
                        target[k] += b * p[k];
                    }
                }
            }
        }

        private void evaluateDiffusion(double ti, int i) {
            boolean any = false;
            for (int r = 0; r < terms.length; r++) {
                any |= diffusion[i][r];
            }
            if (!any) {
                return;
            }
            if (vectorForm) {
                sde.diffusionVector(ti, stage[i], g[i]);
            } else {
                for (int r = 0; r < terms.length; r++) {
                    if (diffusion[i][r]) {
                        sde.diffusion(ti, stage[i], xi[r], gxi[i][r]);
                    }
                }
            }
        }
    }
}
