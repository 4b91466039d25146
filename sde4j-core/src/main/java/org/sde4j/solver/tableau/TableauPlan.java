package org.sde4j.solver.tableau;

import java.util.List;

/**
 * A {@link StochasticTableau}'s non-zero coefficients, gathered once into flat lists: for each target — stage
 * {@code i < s}, or the update at index {@code s} — its drift sources (stage j, coefficient a_ij or α_j) and its
 * diffusion sources (stage j, noise term r, coefficient b^r_ij or β^r_j), each list in increasing j. A step
 * reads only these lists, so zero coefficients cost nothing. It is the one place a tableau's coefficients are
 * read: the per-path step of {@link org.sde4j.solver.scheme.RungeKuttaScheme RungeKuttaScheme} and the block step of
 * {@link org.sde4j.solver.engine.BlockTableauStepper BlockTableauStepper} interpret
 * it, and {@link org.sde4j.solver.step.BranchStep BranchStep} (any vector space, with the backward pass) takes its
 * coefficients from it.
 *
 * <p><b>Read-only by contract.</b> Those readers live in three packages (scheme, engine, step), so the lists are
 * public fields; a step reads them on every call, and copying them there would cost the hot loop. One plan is shared
 * by every solve of its tableau: code outside this library must not write into its arrays.
 */
public final class TableauPlan {
    /** Stages s. */
    public final int s;
    /** The noise terms the tableau uses, in {@link NoiseTerm} order; a diffusion source names its term by index. */
    public final NoiseTerm[] terms;
    /** Stage times c_i. */
    public final double[] c;
    /** Whether stage i's drift value enters the update or a later stage. */
    public final boolean[] drift;
    /** Whether stage i's diffusion value enters the update or a later stage, per term. */
    public final boolean[][] diffusion;
    /** Whether stage i's diffusion value is used at all. */
    public final boolean[] anyDiffusion;
    /** Whether a step needs the space-time Lévy area. */
    public final boolean levyArea;
    /** Drift sources of each target (s + 1 targets): stage indices and coefficients. */
    public final int[][] driftFrom;
    public final double[][] driftCoefficient;
    /** Diffusion sources of each target: stage indices, term indices and coefficients. */
    public final int[][] diffusionFrom;
    public final int[][] diffusionTerm;
    public final double[][] diffusionCoefficient;

    public TableauPlan(StochasticTableau tableau) {
        this.s = tableau.stages();
        List<NoiseTerm> used = tableau.noiseTerms();
        this.terms = used.toArray(new NoiseTerm[0]);
        this.levyArea = tableau.needsSpaceTimeLevyArea();
        this.c = new double[s];
        this.drift = new boolean[s];
        this.diffusion = new boolean[s][terms.length];
        this.anyDiffusion = new boolean[s];
        for (int i = 0; i < s; i++) {
            c[i] = tableau.c(i);
            drift[i] = tableau.usesDrift(i);
            for (int r = 0; r < terms.length; r++) {
                diffusion[i][r] = tableau.usesDiffusion(terms[r], i);
                anyDiffusion[i] |= diffusion[i][r];
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
                nd += a(tableau, target, j) != 0 ? 1 : 0;
                for (NoiseTerm term : terms) {
                    ng += b(tableau, term, target, j) != 0 ? 1 : 0;
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
                double a = a(tableau, target, j);
                if (a != 0) {
                    driftFrom[target][nd] = j;
                    driftCoefficient[target][nd++] = a;
                }
                for (int r = 0; r < terms.length; r++) {
                    double b = b(tableau, terms[r], target, j);
                    if (b != 0) {
                        diffusionFrom[target][ng] = j;
                        diffusionTerm[target][ng] = r;
                        diffusionCoefficient[target][ng++] = b;
                    }
                }
            }
        }
    }

    /** Stage coefficient a_ij (target < s) or update weight α_j (target = s). */
    private double a(StochasticTableau tableau, int target, int j) {
        return target < s ? tableau.a(target, j) : tableau.alpha(j);
    }

    /** Stage coefficient b^r_ij (target < s) or update weight β^r_j (target = s). */
    private double b(StochasticTableau tableau, NoiseTerm term, int target, int j) {
        return target < s ? tableau.b(term, target, j) : tableau.beta(term, j);
    }

    /** The index of {@code term} in {@link #terms}, or −1. */
    int indexOf(NoiseTerm term) {
        for (int r = 0; r < terms.length; r++) {
            if (terms[r] == term) {
                return r;
            }
        }
        return -1;
    }
}
