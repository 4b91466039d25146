package org.sde4j.solver.step;

import org.sde4j.solver.tableau.NoiseTerm;
import org.sde4j.solver.tableau.StochasticTableau;
import org.sde4j.solver.tableau.TableauPlan;

/**
 * One step of an explicit stochastic Runge–Kutta {@link StochasticTableau} on a {@link BranchField} over any
 * {@link VectorSpace}, with its exact vector–Jacobian product: the forward pass of a stochastic residual
 * block and its backpropagation, written once for every tableau.
 *
 * <p>With the field's branches {@code B_k} and weights {@code a_k, b_k}, the tableau's stage and update
 * formulas become sums of branch values with coefficients
 *
 * <pre>    H_i     = X + Σ_{j&lt;i} Σ_k (h a_ij a_k(t_j) + Σ_r b^r_ij b_k(t_j) ξ_r) ⊙ B_k(t_j, H_j)
 *    X_{n+1} = X + Σ_j   Σ_k (h α_j  a_k(t_j) + Σ_r β^r_j  b_k(t_j) ξ_r) ⊙ B_k(t_j, H_j)</pre>
 *
 * <p>with {@code t_j = t + c_j h} and ξ_r the tableau's {@linkplain NoiseTerm noise quantities} computed from
 * the step's increment (ΔW, and the space-time Lévy area H when a term needs it). Each branch value is
 * computed at most once per stage, and not at all when every coefficient that multiplies it is zero — which
 * happens, for instance, in a stochastic-depth block whose Bernoulli variable dropped it.
 *
 * <p>Backward, from {@code dY = ∂L/∂X_{n+1}}: {@code dB_j += c_{s,j} ⊙ dY}; then for i = s − 1, …, 0:
 * {@code dH_i = Σ_k (∂B_k/∂x)ᵀ dB_{k,i}}, {@code dX += dH_i} and {@code dB_j += c_{i,j} ⊙ dH_i} (j &lt; i);
 * finally {@code dX += dY}. That is the exact gradient of the discrete step — unless
 * {@link #differentiateWithNoise} substitutes another noise realisation in the backward pass, as
 * shake-shake regularisation does on purpose (Gastaldi 2017).
 *
 * <p>Not thread-safe; the returned vectors are buffers of this step, valid until its next call.
 *
 * @param <V> the state type
 */
public final class BranchStep<V> {
    private final VectorSpace<V> space;
    private final BranchField<V> field;
    private final int s;
    private final int branches;
    private final NoiseTerm[] terms;
    private final double[] c;
    /** Coefficients a_ij (i &lt; s) and α_j (row s). */
    private final double[][] a;
    /** Coefficients b^r_ij (i &lt; s) and β^r_j (row s), indexed [r][i][j]. */
    private final double[][][] b;
    private final boolean levyArea;

    private final double[][] xi;
    private double[][] xiBackward;
    private final double[][] driftWeight;
    private final double[][] diffusionWeight;
    private final boolean[][] needed;
    private final boolean[] stageNeeded;
    private final boolean[] stageIsInput;
    private final Object[] stage;
    private final Object[][] value;
    private final Object[][] dValue;
    private Object y;
    private Object dx;
    private double h;

    /**
     * @param space   the vector space of the states
     * @param tableau the scheme's tableau (see {@link org.sde4j.solver.scheme.TableauScheme#tableau()
     * TableauScheme.tableau})
     * @param field   the branches
     */
    public BranchStep(VectorSpace<V> space, StochasticTableau tableau, BranchField<V> field) {
        this.space = java.util.Objects.requireNonNull(space, "space");
        this.field = java.util.Objects.requireNonNull(field, "field");
        this.s = tableau.stages();
        this.branches = field.branches();
        if (branches < 1) {
            throw new IllegalArgumentException("field.branches() = " + branches + ": must be at least 1");
        }
        // The coefficients come from the tableau's plan, the one reading of a tableau that the double[] steppers
        // (per path and per block) also use; this step keeps them dense because it weights each one per branch.
        TableauPlan plan = new TableauPlan(tableau);
        this.terms = plan.terms;
        this.levyArea = plan.levyArea;
        this.c = plan.c.clone();
        this.a = new double[s + 1][s];
        this.b = new double[terms.length][s + 1][s];
        for (int i = 0; i <= s; i++) {
            for (int n = 0; n < plan.driftFrom[i].length; n++) {
                a[i][plan.driftFrom[i][n]] = plan.driftCoefficient[i][n];
            }
            for (int n = 0; n < plan.diffusionFrom[i].length; n++) {
                b[plan.diffusionTerm[i][n]][i][plan.diffusionFrom[i][n]] = plan.diffusionCoefficient[i][n];
            }
        }
        this.xi = new double[terms.length][];
        this.driftWeight = new double[s][branches];
        this.diffusionWeight = new double[s][branches];
        this.needed = new boolean[s][branches];
        this.stageNeeded = new boolean[s];
        this.stageIsInput = new boolean[s];
        this.stage = new Object[s];
        this.value = new Object[s][branches];
        this.dValue = new Object[s][branches];
    }

    /**
     * Drops this step's buffers (its output, stage states and gradients; allocated again by the next call):
     * for callers that recompute instead of storing.
     */
    public void release() {
        java.util.Arrays.fill(stage, null);
        for (Object[] row : value) {
            java.util.Arrays.fill(row, null);
        }
        for (Object[] row : dValue) {
            java.util.Arrays.fill(row, null);
        }
        y = null;
        dx = null;
    }

    /** The number of stages of the tableau (the slots the field sees). */
    public int stages() {
        return s;
    }

    /** Whether the last forward pass evaluated branch k at stage i. */
    public boolean evaluated(int stage, int branch) {
        return needed[stage][branch];
    }

    /**
     * Advances {@code x} by one step.
     *
     * @param t    the time at the start of the step
     * @param h    the step size, positive
     * @param x    the state; not modified, and to be kept unmodified until {@link #backward}
     * @param dw   the noise increment ΔW of the step (length 1 or a length the space accepts for x); may be
     *             null when the tableau has no noise terms
     * @param area the space-time Lévy area H of the step, same length as dw, when the tableau needs it; else
     *             ignored (may be null)
     * @return the new state, a buffer of this step
     */
    @SuppressWarnings("unchecked")
    public V forward(double t, double h, V x, double[] dw, double[] area) {
        if (!(h > 0) || !Double.isFinite(h)) {
            throw new IllegalArgumentException("h = " + h + ": must be positive and finite");
        }
        this.h = h;
        xiBackward = null;
        fillNoise(xi, dw, area, h);
        for (int j = 0; j < s; j++) {
            double tj = t + c[j] * h;
            for (int k = 0; k < branches; k++) {
                driftWeight[j][k] = field.driftWeight(k, tj);
                diffusionWeight[j][k] = field.diffusionWeight(k, tj);
            }
        }
        for (int j = 0; j < s; j++) {
            stageNeeded[j] = false;
            for (int k = 0; k < branches; k++) {
                boolean any = false;
                for (int i = j + 1; i <= s && !any; i++) {
                    any = !zeroCoefficient(i, j, k, xi);
                }
                needed[j][k] = any;
                stageNeeded[j] |= any;
            }
        }
        for (int i = 0; i < s; i++) {
            if (!stageNeeded[i]) {
                continue;
            }
            V hi = x;
            stageIsInput[i] = !hasSources(i);
            if (!stageIsInput[i]) {
                hi = buffer(stage, i, x);
                space.copy(x, hi);
                accumulate(hi, i, xi, value);
            }
            double ti = t + c[i] * h;
            for (int k = 0; k < branches; k++) {
                if (needed[i][k]) {
                    value[i][k] = field.evaluate(k, i, ti, hi);
                }
            }
        }
        V out = bufferY(x);
        space.copy(x, out);
        accumulate(out, s, xi, value);
        return out;
    }

    /**
     * Makes the next {@link #backward} differentiate the last forward step as if its increment had been
     * {@code dw} (and {@code area}): the gradient noise of shake-shake. Without this call the backward pass
     * is the exact gradient.
     */
    public void differentiateWithNoise(double[] dw, double[] area) {
        xiBackward = new double[terms.length][];
        fillNoise(xiBackward, dw, area, h);
    }

    /**
     * The vector–Jacobian product of the last forward step.
     *
     * @param dy {@code ∂L/∂X_{n+1}}; not modified
     * @return {@code ∂L/∂X_n}, a buffer of this step; the field's parameter gradients are accumulated
     */
    @SuppressWarnings("unchecked")
    public V backward(V dy) {
        double[][] noise = xiBackward != null ? xiBackward : xi;
        for (int j = 0; j < s; j++) {
            for (int k = 0; k < branches; k++) {
                if (needed[j][k]) {
                    space.zero(bufferGrad(j, k, dy));
                }
            }
        }
        spread(dy, s, noise);
        V out = bufferDx(dy);
        space.copy(dy, out);
        for (int i = s - 1; i >= 0; i--) {
            if (!stageNeeded[i]) {
                continue;
            }
            for (int k = 0; k < branches; k++) {
                if (!needed[i][k]) {
                    continue;
                }
                V dh = field.backward(k, i, (V) dValue[i][k]);
                space.addScaled(out, 1, 0, null, dh);
                if (!stageIsInput[i]) {
                    spread(dh, i, noise);
                }
            }
        }
        return out;
    }

    /** {@code dB_j += c_{target,j} ⊙ d} for every needed source j of {@code target}. */
    @SuppressWarnings("unchecked")
    private void spread(V d, int target, double[][] noise) {
        for (int j = 0; j < Math.min(target, s); j++) {
            for (int k = 0; k < branches; k++) {
                if (needed[j][k]) {
                    addTerm((V) dValue[j][k], target, j, k, noise, d);
                }
            }
        }
    }

    /** {@code target += Σ_j Σ_k c_{i,j,k} ⊙ B_{k,j}}. */
    @SuppressWarnings("unchecked")
    private void accumulate(V target, int i, double[][] noise, Object[][] values) {
        for (int j = 0; j < Math.min(i, s); j++) {
            for (int k = 0; k < branches; k++) {
                if (needed[j][k]) {
                    addTerm(target, i, j, k, noise, (V) values[j][k]);
                }
            }
        }
    }

    /** {@code y += c_{i,j,k} ⊙ x}: one scalar multiple when all noise is scalar, else one term per noise. */
    private void addTerm(V y, int i, int j, int k, double[][] noise, V x) {
        double drift = h * a[i][j] * driftWeight[j][k];
        double bk = diffusionWeight[j][k];
        boolean scalar = true;
        double total = drift;
        for (int r = 0; r < terms.length; r++) {
            double coefficient = b[r][i][j] * bk;
            if (coefficient != 0) {
                if (noise[r].length == 1) {
                    total += coefficient * noise[r][0];
                } else {
                    scalar = false;
                }
            }
        }
        if (scalar) {
            if (total != 0) {
                space.addScaled(y, total, 0, null, x);
            }
            return;
        }
        boolean first = true;
        for (int r = 0; r < terms.length; r++) {
            double coefficient = b[r][i][j] * bk;
            if (coefficient != 0 && noise[r].length != 1) {
                space.addScaled(y, first ? drift : 0, coefficient, noise[r], x);
                first = false;
            } else if (coefficient != 0) {
                space.addScaled(y, coefficient * noise[r][0], 0, null, x);
            }
        }
    }

    /** Whether the coefficient of branch k at stage j in target i is zero for every element. */
    private boolean zeroCoefficient(int i, int j, int k, double[][] noise) {
        double total = h * a[i][j] * driftWeight[j][k];
        double bk = diffusionWeight[j][k];
        for (int r = 0; r < terms.length; r++) {
            double coefficient = b[r][i][j] * bk;
            if (coefficient != 0) {
                if (noise[r].length != 1) {
                    return false;
                }
                total += coefficient * noise[r][0];
            }
        }
        return total == 0;
    }

    private boolean hasSources(int i) {
        for (int j = 0; j < i; j++) {
            for (int k = 0; k < branches; k++) {
                if (needed[j][k] && !zeroCoefficient(i, j, k, xi)) {
                    return true;
                }
            }
        }
        return false;
    }

    private void fillNoise(double[][] target, double[] dw, double[] area, double step) {
        if (terms.length == 0) {
            return;
        }
        if (dw == null || dw.length == 0) {
            throw new IllegalArgumentException("dw = " + (dw == null ? "null" : "[]")
                    + ": this tableau has noise terms, so each step needs an increment");
        }
        if (levyArea && (area == null || area.length != dw.length)) {
            throw new IllegalArgumentException("area: " + (area == null ? "null" : "length " + area.length)
                    + ": this tableau needs the space-time Lévy area, one value per increment (" + dw.length + ")");
        }
        double sqrtH = Math.sqrt(step);
        for (int r = 0; r < terms.length; r++) {
            int n = terms[r] == NoiseTerm.SQRT_H ? 1 : dw.length;
            if (target[r] == null || target[r].length != n) {
                target[r] = new double[n];
            }
            for (int e = 0; e < n; e++) {
                target[r][e] = terms[r].value(dw[e], step, sqrtH, levyArea ? area[e] : 0.0);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private V buffer(Object[] buffers, int i, V like) {
        V current = (V) buffers[i];
        if (current == null || !space.sameShape(current, like)) {
            current = space.zerosLike(like);
            buffers[i] = current;
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private V bufferGrad(int j, int k, V like) {
        V current = (V) dValue[j][k];
        if (current == null || !space.sameShape(current, like)) {
            current = space.zerosLike(like);
            dValue[j][k] = current;
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private V bufferY(V like) {
        if (y == null || !space.sameShape((V) y, like)) {
            y = space.zerosLike(like);
        }
        return (V) y;
    }

    @SuppressWarnings("unchecked")
    private V bufferDx(V like) {
        if (dx == null || !space.sameShape((V) dx, like)) {
            dx = space.zerosLike(like);
        }
        return (V) dx;
    }
}
