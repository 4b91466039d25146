package org.sde4j.solver;

import java.util.List;
import java.util.Set;
import org.sde4j.brownian.Increment;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.NoiseStructure;
import org.sde4j.sde.Sde;

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

    RungeKuttaScheme(String name, String description, Calculus calculus, Set<NoiseStructure> supportedNoise,
            double strongOrder, Set<NoiseStructure> special, double strongOrderSpecial, double deterministicOrder,
            double weakOrder, StochasticTableau tableau) {
        this(name, description, calculus, supportedNoise, strongOrder, special, strongOrderSpecial, deterministicOrder,
                weakOrder, tableau, null);
    }

    RungeKuttaScheme(String name, String description, Calculus calculus, Set<NoiseStructure> supportedNoise,
            double strongOrder, Set<NoiseStructure> special, double strongOrderSpecial, double deterministicOrder,
            double weakOrder, StochasticTableau tableau, org.sde4j.random.NoiseModel drivingNoise) {
        super(name, description, calculus, supportedNoise, strongOrder, special, strongOrderSpecial,
                deterministicOrder, weakOrder, tableau.driftEvaluations(), tableau.diffusionEvaluations());
        this.tableau = tableau;
        this.drivingNoise = drivingNoise;
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

    @Override
    public Stepper newStepper(Sde sde) {
        checkSupports(sde);
        return tableau.hasErrorEstimate() ? new EmbeddedTableauStepper(sde, tableau) : new TableauStepper(sde, tableau);
    }

    /** The generic step plus its embedded error estimate. */
    private static final class EmbeddedTableauStepper extends TableauStepper implements ErrorEstimatingStepper {
        private final double[] errorDrift;
        private final double[][] errorNoise;

        EmbeddedTableauStepper(Sde sde, StochasticTableau tableau) {
            super(sde, tableau);
            errorDrift = new double[s];
            errorNoise = new double[s][terms.length];
            for (int i = 0; i < s; i++) {
                errorDrift[i] = tableau.errorDrift(i);
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
                for (int i = 0; i < s; i++) {
                    e1 += errorDrift[i] * f[i][k];
                    for (int r = 0; r < terms.length; r++) {
                        double w = errorNoise[i][r];
                        if (w != 0) {
                            e2 += w * (vectorForm ? g[i][k] * xi[r][scalarNoise ? 0 : k] : gxi[i][r][k]);
                        }
                    }
                }
                out[k] = ERROR_DELTA * Math.abs(lastH * e1) + Math.abs(e2);
            }
        }
    }

    /**
     * The generic step; holds one thread's workspace. The tableau's non-zero coefficients are gathered
     * once into flat lists (for each target — a stage or the update — the drift sources (stage, a·h
     * factor) and the diffusion sources (stage, noise term, b)), so a step touches only what is non-zero.
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
        /** Drift sources of target i (stages 0..s−1, then the update at index s): stage indices and coefficients. */
        private final int[][] driftFrom;
        private final double[][] driftCoefficient;
        /** Diffusion sources of target i: stage indices, noise-term indices and coefficients. */
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
            this.sde = sde;
            this.d = sde.stateDimension();
            this.m = sde.noiseDimension();
            this.s = tableau.stages();
            List<NoiseTerm> used = tableau.noiseTerms();
            this.terms = used.toArray(new NoiseTerm[0]);
            this.vectorForm = sde.hasDiffusionVector();
            this.scalarNoise = m == 1;
            this.levyArea = tableau.needsSpaceTimeLevyArea();
            this.c = new double[s];
            this.drift = new boolean[s];
            this.diffusion = new boolean[s][terms.length];
            for (int i = 0; i < s; i++) {
                c[i] = tableau.c(i);
                drift[i] = tableau.usesDrift(i);
                for (int r = 0; r < terms.length; r++) {
                    diffusion[i][r] = tableau.usesDiffusion(terms[r], i);
                }
            }
            this.driftFrom = new int[s + 1][];
            this.driftCoefficient = new double[s + 1][];
            this.diffusionFrom = new int[s + 1][];
            this.diffusionTerm = new int[s + 1][];
            this.diffusionCoefficient = new double[s + 1][];
            for (int target = 0; target <= s; target++) {
                int sources = target < s ? target : s;
                int nd = 0;
                int ng = 0;
                for (int j = 0; j < sources; j++) {
                    nd += coefficientA(tableau, target, j) != 0 ? 1 : 0;
                    for (NoiseTerm term : terms) {
                        ng += coefficientB(tableau, term, target, j) != 0 ? 1 : 0;
                    }
                }
                driftFrom[target] = new int[nd];
                driftCoefficient[target] = new double[nd];
                diffusionFrom[target] = new int[ng];
                diffusionTerm[target] = new int[ng];
                diffusionCoefficient[target] = new double[ng];
                nd = 0;
                ng = 0;
                for (int j = 0; j < sources; j++) {
                    double a = coefficientA(tableau, target, j);
                    if (a != 0) {
                        driftFrom[target][nd] = j;
                        driftCoefficient[target][nd++] = a;
                    }
                    for (int r = 0; r < terms.length; r++) {
                        double b = coefficientB(tableau, terms[r], target, j);
                        if (b != 0) {
                            diffusionFrom[target][ng] = j;
                            diffusionTerm[target][ng] = r;
                            diffusionCoefficient[target][ng++] = b;
                        }
                    }
                }
            }
            this.stage = new double[s][d];
            this.f = new double[s][d];
            this.g = new double[s][d];
            this.gxi = new double[s][terms.length][d];
            this.xi = new double[terms.length][m];
            this.scalarPath = d == 1 && m == 1 && vectorForm;
            this.anyDiffusion = new boolean[s];
            for (int i = 0; i < s; i++) {
                for (int r = 0; r < terms.length; r++) {
                    anyDiffusion[i] |= diffusion[i][r];
                }
            }
        }

        /** Stage coefficient a_ij (target < s) or update weight α_j (target = s). */
        private double coefficientA(StochasticTableau tableau, int target, int j) {
            return target < s ? tableau.a(target, j) : tableau.alpha(j);
        }

        /** Stage coefficient b^r_ij (target < s) or update weight β^r_j (target = s). */
        private double coefficientB(StochasticTableau tableau, NoiseTerm term, int target, int j) {
            return target < s ? tableau.b(term, target, j) : tableau.beta(term, j);
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
