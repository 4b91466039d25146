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
public final class RungeKuttaScheme extends DeclaredScheme {
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

    /** The tableau. */
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
        return new TableauStepper(sde, tableau);
    }

    /** The generic step; holds one thread's workspace. */
    private static final class TableauStepper implements Stepper {
        private final Sde sde;
        private final StochasticTableau tableau;
        private final int d;
        private final int m;
        private final int s;
        private final NoiseTerm[] terms;
        private final boolean vectorForm;
        private final boolean scalarNoise;
        private final boolean[] drift;
        private final boolean[][] diffusion;
        private final double[][] stage;
        private final double[][] f;
        /** vector form: g(H_i) per stage; product form: unused. */
        private final double[][] g;
        /** product form: g(H_i)·ξ_r per stage and term; vector form: unused. */
        private final double[][][] gxi;
        private final double[][] xi;
        private final boolean levyArea;

        TableauStepper(Sde sde, StochasticTableau tableau) {
            this.sde = sde;
            this.tableau = tableau;
            this.d = sde.stateDimension();
            this.m = sde.noiseDimension();
            this.s = tableau.stages();
            List<NoiseTerm> used = tableau.noiseTerms();
            this.terms = used.toArray(new NoiseTerm[0]);
            this.vectorForm = sde.hasDiffusionVector();
            this.scalarNoise = m == 1;
            this.drift = new boolean[s];
            this.diffusion = new boolean[s][terms.length];
            for (int i = 0; i < s; i++) {
                drift[i] = tableau.usesDrift(i);
                for (int r = 0; r < terms.length; r++) {
                    diffusion[i][r] = tableau.usesDiffusion(terms[r], i);
                }
            }
            this.stage = new double[s][d];
            this.f = new double[s][d];
            this.g = new double[s][d];
            this.gxi = new double[s][terms.length][d];
            this.xi = new double[terms.length][m];
            this.levyArea = tableau.needsSpaceTimeLevyArea();
        }

        @Override
        public void step(double t, double[] x, Increment noise) {
            double h = noise.h();
            double sqrtH = Math.sqrt(h);
            double[] dw = noise.dw();
            double[] area = levyArea ? noise.spaceTimeLevyArea() : dw;
            for (int r = 0; r < terms.length; r++) {
                for (int j = 0; j < m; j++) {
                    xi[r][j] = terms[r].value(dw[j], h, sqrtH, levyArea ? area[j] : 0.0);
                }
            }
            for (int i = 0; i < s; i++) {
                double[] hi = stage[i];
                System.arraycopy(x, 0, hi, 0, d);
                for (int j = 0; j < i; j++) {
                    addDrift(hi, tableau.a(i, j) * h, j);
                    for (int r = 0; r < terms.length; r++) {
                        addDiffusion(hi, tableau.b(terms[r], i, j), j, r);
                    }
                }
                double ti = t + tableau.c(i) * h;
                if (drift[i]) {
                    sde.drift(ti, hi, f[i]);
                }
                evaluateDiffusion(ti, i);
            }
            for (int i = 0; i < s; i++) {
                addDrift(x, tableau.alpha(i) * h, i);
                for (int r = 0; r < terms.length; r++) {
                    addDiffusion(x, tableau.beta(terms[r], i), i, r);
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

        private void addDrift(double[] target, double coefficient, int j) {
            if (coefficient == 0) {
                return;
            }
            double[] fj = f[j];
            for (int k = 0; k < d; k++) {
                target[k] += coefficient * fj[k];
            }
        }

        private void addDiffusion(double[] target, double coefficient, int j, int r) {
            if (coefficient == 0) {
                return;
            }
            if (vectorForm) {
                double[] gj = g[j];
                double[] xr = xi[r];
                for (int k = 0; k < d; k++) {
                    target[k] += coefficient * gj[k] * (scalarNoise ? xr[0] : xr[k]);
                }
            } else {
                double[] p = gxi[j][r];
                for (int k = 0; k < d; k++) {
                    target[k] += coefficient * p[k];
                }
            }
        }
    }
}
