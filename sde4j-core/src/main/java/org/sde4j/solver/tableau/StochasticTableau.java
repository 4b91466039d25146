package org.sde4j.solver.tableau;

import org.sde4j.solver.IncrementUse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A stochastic Butcher tableau: the coefficients of an explicit s-stage stochastic Runge–Kutta method
 *
 * <pre>
 *   H_i     = X + h Σ_{j&lt;i} a_ij f(t + c_j h, H_j) + Σ_r Σ_{j&lt;i} b^r_ij g(t + c_j h, H_j) · ξ_r
 *   X_{n+1} = X + h Σ_i α_i f(t + c_i h, H_i)   + Σ_r Σ_i β^r_i g(t + c_i h, H_i) · ξ_r
 * </pre>
 *
 * <p>where the ξ_r are {@linkplain NoiseTerm noise quantities} ({@code ΔW}, {@code √h}, ...). With no
 * noise terms it is a classical explicit Runge–Kutta tableau (Butcher 2008); with ξ = ΔW it covers
 * the Stratonovich Heun and midpoint families (Burrage &amp; Burrage 1996); with the √h and
 * squared-increment terms the derivative-free Milstein-type methods. Immutable.
 *
 * <p>Construction validates: shapes; explicitness ({@code a_ij = b^r_ij = 0} for {@code j ≥ i}); the
 * row-sum condition {@code c_i = Σ_j a_ij} for every stage whose drift is evaluated; consistency {@code Σ α_i = 1}, and {@code Σ β^ΔW_i = 1}
 * when there is a ΔW term (to 1e-12). Order conditions beyond consistency are reported by
 * {@link #orderConditionResiduals} for the tests to check.
 */
public final class StochasticTableau {
    private static final double TOLERANCE = 1e-12;

    private final int stages;
    private final double[] c;
    private final double[][] a;
    private final double[] alpha;
    private final Map<NoiseTerm, double[][]> b;
    private final Map<NoiseTerm, double[]> beta;
    private final double[] errorDrift;
    private final Map<NoiseTerm, double[]> errorNoise;
    private final double[] errorUnseen;
    private final TableauPlan plan;

    private StochasticTableau(double[] c, double[][] a, double[] alpha, Map<NoiseTerm, double[][]> b,
            Map<NoiseTerm, double[]> beta, double[] errorDrift, Map<NoiseTerm, double[]> errorNoise,
            double[] errorUnseen) {
        this.errorDrift = errorDrift;
        this.errorNoise = errorNoise;
        this.errorUnseen = errorUnseen;
        this.stages = alpha.length;
        this.c = c;
        this.a = a;
        this.alpha = alpha;
        this.b = b;
        this.beta = beta;
        validate();
        this.plan = new TableauPlan(this);
    }

    /**
     * How the tableau reads the increments ({@link IncrementUse}): {@link IncrementUse#LINEAR} for ΔW only;
     * {@link IncrementUse#COMPONENT_SQUARES} when it also has √h supporting stages and squared increments (computed
     * per channel from {@code ΔW_i} alone); else {@link IncrementUse#OTHER}.
     */
    public IncrementUse incrementUse() {
        java.util.List<NoiseTerm> terms = noiseTerms();
        if (java.util.Set.of(NoiseTerm.DW).containsAll(terms)) {
            return IncrementUse.LINEAR;
        }
        return java.util.Set.of(NoiseTerm.DW, NoiseTerm.SQRT_H, NoiseTerm.ITO_SQUARE, NoiseTerm.STRATONOVICH_SQUARE)
                .containsAll(terms) ? IncrementUse.COMPONENT_SQUARES : IncrementUse.OTHER;
    }

    /** The non-zero coefficients as flat lists, for the interpreters. */
    public TableauPlan plan() {
        return plan;
    }

    /**
     * Starts a tableau with drift coefficients {@code a} (s × s, strictly lower triangular), stage times
     * {@code c} and drift weights {@code α}.
     */
    public static Builder builder(double[] c, double[][] a, double[] alpha) {
        return new Builder(c, a, alpha);
    }

    /** The number of stages s. */
    public int stages() {
        return stages;
    }

    /** The noise terms this tableau uses, in declaration order. */
    public List<NoiseTerm> noiseTerms() {
        return new ArrayList<>(beta.keySet());
    }

    double c(int i) {
        return c[i];
    }

    double a(int i, int j) {
        return a[i][j];
    }

    double alpha(int i) {
        return alpha[i];
    }

    double b(NoiseTerm term, int i, int j) {
        double[][] m = b.get(term);
        return m == null ? 0 : m[i][j];
    }

    double beta(NoiseTerm term, int i) {
        double[] w = beta.get(term);
        return w == null ? 0 : w[i];
    }

    /**
     * Whether the tableau carries an embedded error estimate: drift weights {@code ŵ} and noise weights
     * {@code β̂^r}, giving per component {@code E = δ |h Σ ŵ_i f_i| + |Σ_r Σ_i β̂^r_i g_i·ξ_r| + h Σ_i u_i |f_i − f_0|}
     * with δ = {@value org.sde4j.solver.scheme.RungeKuttaScheme#ERROR_DELTA}: the first two parts are Rackauckas &amp;
     * Nie's (2017) for the SRI/SRA methods (the terms the method adds beyond a lower-order one); the third, ours,
     * watches the drift stages the first leaves out ({@link Builder#watchUnseenDrift}; u = 0 unless set).
     */
    public boolean hasErrorEstimate() {
        return errorDrift != null;
    }

    public double errorDrift(int i) {
        return errorDrift[i];
    }

    public double errorNoise(NoiseTerm term, int i) {
        double[] w = errorNoise.get(term);
        return w == null ? 0 : w[i];
    }

    /**
     * The weight u_i of the estimate's third part, {@code h Σ_i u_i |f_i − f_0|}: it watches drift stages that the
     * drift part ŵ leaves out, so that what they sample cannot go unseen (0 when the tableau sets none; see {@link
     * Builder#watchUnseenDrift}).
     */
    public double errorUnseen(int i) {
        return errorUnseen == null ? 0 : errorUnseen[i];
    }

    /** Whether a step needs the space-time Lévy area H (a {@link NoiseTerm#TIME_INTEGRAL} term). */
    public boolean needsSpaceTimeLevyArea() {
        return beta.keySet().stream().anyMatch(NoiseTerm::needsSpaceTimeLevyArea);
    }

    /** Whether stage i's drift value enters the update or a later stage. */
    boolean usesDrift(int i) {
        if (alpha[i] != 0) {
            return true;
        }
        for (int k = i + 1; k < stages; k++) {
            if (a[k][i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether stage i's diffusion with noise term r enters the update or a later stage. */
    boolean usesDiffusion(NoiseTerm term, int i) {
        if (beta(term, i) != 0) {
            return true;
        }
        for (int k = i + 1; k < stages; k++) {
            if (b(term, k, i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** Number of stages whose drift is evaluated. */
    public int driftEvaluations() {
        int n = 0;
        for (int i = 0; i < stages; i++) {
            n += usesDrift(i) ? 1 : 0;
        }
        return n;
    }

    /** Number of stages whose diffusion is evaluated (with any noise term). */
    public int diffusionEvaluations() {
        int n = 0;
        for (int i = 0; i < stages; i++) {
            boolean used = false;
            for (NoiseTerm r : beta.keySet()) {
                used |= usesDiffusion(r, i);
            }
            n += used ? 1 : 0;
        }
        return n;
    }

    /**
     * Residuals of the order conditions of the given kind (each should be 0): the classical conditions
     * of the drift part up to {@code deterministicOrder} (at most 4: Σα = 1; Σα c = ½; Σα c² = ⅓,
     * Σ α (A c) = ⅙; Σ α c³ = ¼, Σ α c (A c) = ⅛, Σ α (A c²) = 1/12, Σ α (A A c) = 1/24), and, when
     * {@code stratonovichOrderOne}, those of strong order 1 for Stratonovich SDEs with commutative noise
     * in the ΔW terms (Burrage &amp; Burrage 1996): {@code Σ β_i = 1}, {@code Σ β_i (B e)_i = ½}.
     *
     * @return condition name → residual
     */
    public Map<String, Double> orderConditionResiduals(int deterministicOrder, boolean stratonovichOrderOne) {
        if (deterministicOrder < 1 || deterministicOrder > 4) {
            throw new IllegalArgumentException("deterministicOrder = " + deterministicOrder + ": must be 1 to 4");
        }
        Map<String, Double> r = new java.util.LinkedHashMap<>();
        double[] e = new double[stages];
        Arrays.fill(e, 1.0);
        double[] c2 = times(c, c);
        double[] ac = multiply(a, c);
        r.put("Σα = 1", dot(alpha, e) - 1);
        if (deterministicOrder >= 2) {
            r.put("Σαc = 1/2", dot(alpha, c) - 0.5);
        }
        if (deterministicOrder >= 3) {
            r.put("Σαc² = 1/3", dot(alpha, c2) - 1.0 / 3);
            r.put("Σα(Ac) = 1/6", dot(alpha, ac) - 1.0 / 6);
        }
        if (deterministicOrder >= 4) {
            r.put("Σαc³ = 1/4", dot(alpha, times(c2, c)) - 0.25);
            r.put("Σαc(Ac) = 1/8", dot(alpha, times(c, ac)) - 0.125);
            r.put("Σα(Ac²) = 1/12", dot(alpha, multiply(a, c2)) - 1.0 / 12);
            r.put("Σα(AAc) = 1/24", dot(alpha, multiply(a, ac)) - 1.0 / 24);
        }
        if (stratonovichOrderOne) {
            double[] w = beta.getOrDefault(NoiseTerm.DW, new double[stages]);
            double[][] bw = b.getOrDefault(NoiseTerm.DW, new double[stages][stages]);
            r.put("Σβ = 1", dot(w, e) - 1);
            r.put("Σβ(Be) = 1/2", dot(w, multiply(bw, e)) - 0.5);
        }
        return r;
    }

    private void validate() {
        int s = stages;
        if (s < 1) {
            throw new IllegalArgumentException("alpha has length 0: a tableau needs at least one stage");
        }
        checkSquare("a", a, s);
        if (c.length != s) {
            throw new IllegalArgumentException("c has length " + c.length + ": must have length " + s + " (stages)");
        }
        for (Map.Entry<NoiseTerm, double[][]> e : b.entrySet()) {
            checkSquare("b[" + e.getKey() + "]", e.getValue(), s);
        }
        for (Map.Entry<NoiseTerm, double[]> e : beta.entrySet()) {
            if (e.getValue().length != s) {
                throw new IllegalArgumentException("beta[" + e.getKey() + "] has length " + e.getValue().length
                        + ": must have length " + s + " (stages)");
            }
        }
        for (int i = 0; i < s; i++) {
            if (!usesDrift(i)) {
                continue; // a diffusion-only stage may take its time elsewhere (Rößler's SRA: c^(1))
            }
            double rowSum = 0;
            for (int j = 0; j < s; j++) {
                rowSum += a[i][j];
            }
            if (Math.abs(rowSum - c[i]) > TOLERANCE) {
                throw new IllegalArgumentException("c[" + i + "] = " + c[i] + ": must equal the row sum Σ_j a[" + i
                        + "][j] = " + rowSum);
            }
        }
        double sum = Arrays.stream(alpha).sum();
        if (Math.abs(sum - 1) > TOLERANCE) {
            throw new IllegalArgumentException("alpha sums to " + sum + ": must sum to 1 (consistency)");
        }
        double[] w = beta.get(NoiseTerm.DW);
        if (w != null && Math.abs(Arrays.stream(w).sum() - 1) > TOLERANCE) {
            throw new IllegalArgumentException("beta[DW] sums to " + Arrays.stream(w).sum()
                    + ": must sum to 1 (consistency of the noise term)");
        }
    }

    private static void checkSquare(String name, double[][] m, int s) {
        if (m.length != s) {
            throw new IllegalArgumentException(name + " has " + m.length + " rows: must have " + s + " (stages)");
        }
        for (int i = 0; i < s; i++) {
            if (m[i].length != s) {
                throw new IllegalArgumentException(name + "[" + i + "] has length " + m[i].length + ": must have length " + s);
            }
            for (int j = i; j < s; j++) {
                if (m[i][j] != 0) {
                    throw new IllegalArgumentException(name + "[" + i + "][" + j + "] = " + m[i][j]
                            + ": must be 0 (explicit method: stage i uses stages j < i only)");
                }
            }
        }
    }

    private static double dot(double[] x, double[] y) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }

    private static double[] times(double[] x, double[] y) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = x[i] * y[i];
        }
        return z;
    }

    private static double[] multiply(double[][] m, double[] v) {
        double[] z = new double[m.length];
        for (int i = 0; i < m.length; i++) {
            z[i] = dot(m[i], v);
        }
        return z;
    }

    /** Builds a {@link StochasticTableau}; arrays are copied. */
    public static final class Builder {
        private final double[] c;
        private final double[][] a;
        private final double[] alpha;
        private final Map<NoiseTerm, double[][]> b = new EnumMap<>(NoiseTerm.class);
        private final Map<NoiseTerm, double[]> beta = new EnumMap<>(NoiseTerm.class);
        private double[] errorDrift;
        private final Map<NoiseTerm, double[]> errorNoise = new EnumMap<>(NoiseTerm.class);
        private double[] errorUnseen;

        private Builder(double[] c, double[][] a, double[] alpha) {
            this.c = c.clone();
            this.a = deepCopy(a);
            this.alpha = alpha.clone();
        }

        /**
         * Adds a noise term: stage coefficients {@code b} (s × s, strictly lower triangular) and update
         * weights {@code β} of {@code g · ξ_term}.
         */
        public Builder noise(NoiseTerm term, double[][] stageCoefficients, double[] weights) {
            b.put(term, deepCopy(stageCoefficients));
            beta.put(term, weights.clone());
            return this;
        }

        /**
         * Adds an embedded error estimate (see {@link StochasticTableau#hasErrorEstimate}): drift weights over
         * the stages and noise weights per term (terms already declared with {@link #noise}).
         */
        public Builder errorEstimate(double[] driftWeights, Map<NoiseTerm, double[]> noiseWeights) {
            this.errorDrift = driftWeights.clone();
            for (Map.Entry<NoiseTerm, double[]> e : noiseWeights.entrySet()) {
                if (!beta.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("error weights for " + e.getKey() + ": the term must be declared"
                            + " with noise(...) first");
                }
                errorNoise.put(e.getKey(), e.getValue().clone());
            }
            return this;
        }

        /**
         * Adds to the embedded estimate the term {@code h Σ_i u_i |f_i − f_0|} over drift stages: the drift at stage
         * i against the drift at the step's start. A stage outside the drift part ŵ of the estimate can sample the
         * drift where the estimate does not look — SOSRI's fourth stage sits at {@code t + 3.75 h}, beyond the step —
         * and a sharp change of the drift there would enter the result unseen. On a smooth problem the term is
         * O(h^{3/2}) against the O(h) of the other two parts; where the drift jumps it is the size of that jump's
         * contribution, {@code u_i h |Δf|}. Needs {@link #errorEstimate} first; u_i ≠ 0 only where α_i ≠ 0.
         */
        public Builder watchUnseenDrift(double[] weights) {
            this.errorUnseen = weights.clone();
            return this;
        }

        /**
         * @throws IllegalArgumentException when a validation in the class description fails
         */
        public StochasticTableau build() {
            if (errorDrift != null && errorDrift.length != alpha.length) {
                throw new IllegalArgumentException("error drift weights have length " + errorDrift.length
                        + ": must have length " + alpha.length + " (stages)");
            }
            if (errorUnseen != null) {
                if (errorDrift == null || errorUnseen.length != alpha.length) {
                    throw new IllegalArgumentException("unseen-drift weights need an error estimate and length "
                            + alpha.length + " (stages), got " + errorUnseen.length);
                }
                for (int i = 0; i < alpha.length; i++) {
                    if (errorUnseen[i] != 0 && (alpha[i] == 0 || alpha[0] == 0)) {
                        throw new IllegalArgumentException("unseen-drift weight " + errorUnseen[i] + " at stage " + i
                                + ": allowed only where the update uses the drift of stage " + i + " and of stage 0");
                    }
                }
            }
            return new StochasticTableau(c, a, alpha, new EnumMap<>(b), new EnumMap<>(beta), errorDrift,
                    new EnumMap<>(errorNoise), errorUnseen);
        }

        private static double[][] deepCopy(double[][] m) {
            double[][] copy = new double[m.length][];
            for (int i = 0; i < m.length; i++) {
                copy[i] = m[i].clone();
            }
            return copy;
        }
    }
}
