package org.sde4j.sde;

import java.util.Arrays;
import java.util.Locale;

/**
 * A stochastic differential equation
 *
 * <pre>    dX = f(t, X) dt + g(t, X) dW,    X ∈ R^d,  W ∈ R^m</pre>
 *
 * <p>read in {@link Calculus Itô or Stratonovich} calculus, with a declared
 * {@link NoiseStructure noise structure}. Immutable, and thread-safe when the user's functions are.
 *
 * <p>A one-dimensional SDE takes one line:
 *
 * <pre>{@code
 * Sde gbm = Sde.scalar((t, x) -> 1.01 * x, (t, x) -> 0.87 * x).withDiffusionDerivative((t, x) -> 0.87);
 * }</pre>
 *
 * <p>and a d-dimensional one a builder:
 *
 * <pre>{@code
 * Sde sde = Sde.builder(2, 2)
 *         .drift((t, x, out) -> { out[0] = x[1]; out[1] = -x[0]; })
 *         .diagonalDiffusion((t, x, out) -> { out[0] = 0.1 * x[0]; out[1] = 0.2 * x[1]; })
 *         .build();
 * }</pre>
 *
 * <p>The optional diffusion derivative {@code ∂g_i/∂x_i} (diagonal noise, or scalar noise with
 * d = 1) is what the Milstein scheme with a user-supplied derivative needs, and what
 * {@link #convertedTo(Calculus)} uses for the Itô–Stratonovich drift correction.
 *
 * <p>Length: over 400 lines because an SDE's parts, their batched (block) forms, the calculus conversions and the
 * nested {@link Builder} are one value's API, and moving the builder out would rename {@code Sde.Builder} for
 * every caller; most of the lines are javadoc.
 */
public final class Sde {
    private final int stateDimension;
    private final int noiseDimension;
    private final NoiseStructure noise;
    private final Calculus calculus;
    private final Drift drift;
    private final Diffusion diffusion;
    private final VectorField diffusionVector;
    private final VectorField diffusionDerivative;
    private final DriftJacobian driftJacobian;
    private final SpectralRadiusBound driftSpectralRadius;
    private final BlockField blockDrift;
    private final BlockField blockDiffusion;
    private final BlockField blockDiffusionDerivative;
    /** The scalar functions of {@link #scalar}, for fast block adapters; null otherwise. */
    private final ScalarFunction scalarDrift;
    private final ScalarFunction scalarDiffusion;
    private final ScalarFunction scalarDerivative;

    private Sde(Builder b) {
        this.stateDimension = b.stateDimension;
        this.noiseDimension = b.noiseDimension;
        this.noise = b.noise;
        this.calculus = b.calculus;
        this.drift = b.drift;
        this.diffusion = b.diffusion;
        this.diffusionVector = b.diffusionVector;
        this.diffusionDerivative = b.diffusionDerivative;
        this.driftJacobian = b.driftJacobian;
        this.driftSpectralRadius = b.driftSpectralRadius;
        this.blockDrift = b.blockDrift;
        this.blockDiffusion = b.blockDiffusion;
        this.blockDiffusionDerivative = b.blockDiffusionDerivative;
        this.scalarDrift = b.scalarDrift;
        this.scalarDiffusion = b.scalarDiffusion;
        this.scalarDerivative = b.scalarDerivative;
    }

    /**
     * Starts a builder for an SDE with state dimension {@code d} and noise dimension {@code m}.
     * The default calculus is Itô and the default noise structure {@link NoiseStructure#GENERAL}
     * ({@link NoiseStructure#SCALAR} when m = 1).
     */
    public static Builder builder(int stateDimension, int noiseDimension) {
        return new Builder(stateDimension, noiseDimension);
    }

    /**
     * A one-dimensional Itô SDE {@code dX = f(t, X) dt + g(t, X) dW} with scalar noise.
     *
     * @param drift     {@code f(t, x)}
     * @param diffusion {@code g(t, x)}
     */
    public static Sde scalar(ScalarFunction drift, ScalarFunction diffusion) {
        Require.nonNull("drift", drift);
        Require.nonNull("diffusion", diffusion);
        Builder b = builder(1, 1)
                .drift((t, x, out) -> out[0] = drift.value(t, x[0]))
                .scalarDiffusion((t, x, out) -> out[0] = diffusion.value(t, x[0]));
        // The product g·dW directly, without the general scalar-noise loop: the hot path of 1-d SDEs.
        b.diffusion = (t, x, dw, out) -> out[0] = diffusion.value(t, x[0]) * dw[0];
        b.scalarDrift = drift;
        b.scalarDiffusion = diffusion;
        return b.build();
    }

    /**
     * The ODE {@code x' = f(t, x)} in d dimensions, as an SDE with no noise ({@link NoiseStructure#NONE}:
     * one noise channel, {@code g ≡ 0}). Deterministic schemes solve it; so do all SDE schemes.
     *
     * @param dimension d
     * @param drift     {@code f(t, x)}
     * @return the ODE
     */
    public static Sde ode(int dimension, Drift drift) {
        Builder b = builder(dimension, 1).drift(drift);
        b.diffusion = (t, x, dw, out) -> java.util.Arrays.fill(out, 0.0);
        b.diffusionVector = (t, x, out) -> java.util.Arrays.fill(out, 0.0);
        b.diffusionDerivative = (t, x, out) -> java.util.Arrays.fill(out, 0.0);
        b.noise = NoiseStructure.NONE;
        return b.build();
    }

    /**
     * The one-dimensional ODE {@code x' = f(t, x)}; see {@link #ode(int, Drift)}.
     *
     * @param drift {@code f(t, x)}
     * @return the ODE
     */
    public static Sde ode(ScalarFunction drift) {
        Require.nonNull("drift", drift);
        return ode(1, (t, x, out) -> out[0] = drift.value(t, x[0]));
    }

    /**
     * This SDE with the derivative {@code ∂g/∂x} of a one-dimensional diffusion (see
     * {@link Builder#diffusionDerivative(VectorField)} for the d-dimensional form).
     */
    public Sde withDiffusionDerivative(ScalarFunction derivative) {
        Require.nonNull("derivative", derivative);
        if (stateDimension != 1) {
            throw new IllegalArgumentException("withDiffusionDerivative(ScalarFunction) needs d = 1, but d = "
                    + stateDimension + ": use Sde.builder(...).diffusionDerivative(VectorField)");
        }
        Builder b = toBuilder().diffusionDerivative((t, x, out) -> out[0] = derivative.value(t, x[0]));
        b.scalarDerivative = derivative;
        return b.build();
    }

    /**
     * This SDE with batched forms of its functions, for block steppers ({@link BlockField}; any may be null
     * to keep the adapter over the per-path form). They must compute the same functions as the per-path
     * forms: the drift {@code f}, the diffusion vector {@code g} (scalar, diagonal or additive noise) and,
     * for Milstein, the derivative {@code ∂g_i/∂x_i}.
     *
     * <pre>{@code
     * Sde gbm = Sde.scalar((t, x) -> 0.05 * x, (t, x) -> 0.2 * x).withBlockForms(
     *         (t, x, out, n, stride) -> { for (int p = 0; p < n; p++) out[p] = 0.05 * x[p]; },
     *         (t, x, out, n, stride) -> { for (int p = 0; p < n; p++) out[p] = 0.2 * x[p]; },
     *         null);
     * }</pre>
     *
     * @throws IllegalArgumentException when a diffusion form is given but the SDE has no diffusion vector
     *                                  (general or commutative noise with m &gt; 1)
     */
    public Sde withBlockForms(BlockField drift, BlockField diffusionVector, BlockField diffusionDerivative) {
        if ((diffusionVector != null || diffusionDerivative != null) && this.diffusionVector == null) {
            throw new IllegalArgumentException("a batched diffusion vector needs scalar, diagonal or additive noise"
                    + " with a diffusion vector, but this SDE has " + noise.label() + " noise with m = "
                    + noiseDimension);
        }
        Builder b = toBuilder();
        if (drift != null) {
            b.blockDrift = drift;
        }
        if (diffusionVector != null) {
            b.blockDiffusion = diffusionVector;
        }
        if (diffusionDerivative != null) {
            b.blockDiffusionDerivative = diffusionDerivative;
        }
        return b.build();
    }

    /**
     * The drift {@code f(t, x)} of a one-dimensional SDE made by {@link #scalar}, when no batched drift was given
     * ({@link #withBlockForms}); null otherwise. Block steppers call it inside their update loop, {@code x ← x +
     * f(t, x) h + g(t, x) √h Z} in one pass over the block, rather than through {@link #blockDrift()}, which
     * writes the values to an array first: the same numbers with a third of the memory traffic.
     *
     * @return the scalar drift, or null
     */
    public ScalarFunction pathwiseScalarDrift() {
        return blockDrift == null ? scalarDrift : null;
    }

    /**
     * The diffusion {@code g(t, x)} of a one-dimensional SDE made by {@link #scalar}, when no batched diffusion
     * was given ({@link #withBlockForms}); null otherwise (see {@link #pathwiseScalarDrift()}).
     *
     * @return the scalar diffusion, or null
     */
    public ScalarFunction pathwiseScalarDiffusion() {
        return blockDiffusion == null ? scalarDiffusion : null;
    }

    /**
     * The batched drift: the one given to {@link #withBlockForms}, or else a new adapter that evaluates the
     * per-path drift path by path (through a small scratch array when d &gt; 1, so the adapter is
     * thread-confined: take one per thread).
     */
    public BlockField blockDrift() {
        if (blockDrift != null) {
            return blockDrift;
        }
        if (scalarDrift != null) {
            ScalarFunction f = scalarDrift;
            return (t, x, out, count, stride) -> {
                for (int p = 0; p < count; p++) {
                    out[p] = f.value(t, x[p]);
                }
            };
        }
        return driftAdapter(drift);
    }

    /**
     * The batched diffusion vector (see {@link #diffusionVector}): the one given to {@link #withBlockForms},
     * or else a new thread-confined adapter over the per-path form.
     *
     * @throws IllegalStateException when the noise has no diffusion vector
     */
    public BlockField blockDiffusionVector() {
        if (blockDiffusion != null) {
            return blockDiffusion;
        }
        if (scalarDiffusion != null) {
            ScalarFunction g = scalarDiffusion;
            return (t, x, out, count, stride) -> {
                for (int p = 0; p < count; p++) {
                    out[p] = g.value(t, x[p]);
                }
            };
        }
        if (diffusionVector == null) {
            diffusionVector(0, null, null); // throws with the explanation
        }
        return adapter(diffusionVector);
    }

    /**
     * The batched diffusion derivative {@code ∂g_i/∂x_i}: the one given to {@link #withBlockForms}, or else a
     * new thread-confined adapter over the per-path form.
     *
     * @throws IllegalStateException when no derivative was supplied
     */
    public BlockField blockDiffusionDerivative() {
        if (blockDiffusionDerivative != null) {
            return blockDiffusionDerivative;
        }
        if (scalarDerivative != null) {
            ScalarFunction dg = scalarDerivative;
            return (t, x, out, count, stride) -> {
                for (int p = 0; p < count; p++) {
                    out[p] = dg.value(t, x[p]);
                }
            };
        }
        if (diffusionDerivative == null) {
            diffusionDerivative(0, null, null); // throws with the explanation
        }
        return adapter(diffusionDerivative);
    }

    /**
     * {@link #adapter} for the drift, with a call site of its own: the diffusion's adapters share theirs (two
     * receivers, which the JIT still inlines); routed through that one as well, the drift made it megamorphic and
     * the per-path call was not inlined (EM, correlated 2-d GBM, 10^5 paths × 256 steps, one thread: 0.82 → 0.67 CPU
     * seconds, measured by the issue-27 work).
     */
    private BlockField driftAdapter(Drift f) {
        int d = stateDimension;
        double[] in = new double[d];
        double[] value = new double[d];
        return (t, x, out, count, stride) -> {
            for (int p = 0; p < count; p++) {
                for (int i = 0; i < d; i++) {
                    in[i] = x[i * stride + p];
                }
                f.evaluate(t, in, value);
                for (int i = 0; i < d; i++) {
                    out[i * stride + p] = value[i];
                }
            }
        };
    }

    /** Gathers each path's state into a scratch vector, evaluates v, scatters the value. */
    private BlockField adapter(VectorField v) {
        int d = stateDimension;
        double[] in = new double[d];
        double[] value = new double[d];
        return (t, x, out, count, stride) -> {
            for (int p = 0; p < count; p++) {
                for (int i = 0; i < d; i++) {
                    in[i] = x[i * stride + p];
                }
                v.evaluate(t, in, value);
                for (int i = 0; i < d; i++) {
                    out[i * stride + p] = value[i];
                }
            }
        };
    }

    /**
     * The same drift and diffusion functions, read in another calculus. This changes the process;
     * to describe the same process in another calculus use {@link #convertedTo(Calculus)}.
     */
    public Sde interpretedIn(Calculus newCalculus) {
        Require.nonNull("calculus", newCalculus);
        return toBuilder().calculus(newCalculus).build();
    }

    /**
     * The same process written in another calculus: the drift gains (Stratonovich → Itô) or loses
     * (Itô → Stratonovich) the correction {@code ½ g_i ∂g_i/∂x_i}. Needs the diffusion derivative, except
     * for additive noise, where the two calculi coincide.
     *
     * @throws IllegalArgumentException when the noise is not diagonal, scalar with d = 1 or additive,
     *                                  or the derivative is missing
     */
    public Sde convertedTo(Calculus target) {
        Require.nonNull("calculus", target);
        if (target == calculus) {
            return this;
        }
        if (noise == NoiseStructure.ADDITIVE) {
            return interpretedIn(target);
        }
        if (!hasDiagonalDerivativeForm()) {
            throw new IllegalArgumentException("convertedTo(" + target + ") needs diagonal noise or scalar noise"
                    + " with d = 1, but this SDE has " + noise.label() + " noise with d = " + stateDimension);
        }
        if (diffusionDerivative == null) {
            throw new IllegalArgumentException("convertedTo(" + target + ") needs the diffusion derivative"
                    + " ∂g_i/∂x_i: supply it with diffusionDerivative(...)");
        }
        double sign = target == Calculus.STRATONOVICH ? -0.5 : 0.5;
        Drift original = drift;
        VectorField g = diffusionVector;
        VectorField dg = diffusionDerivative;
        int d = stateDimension;
        // The corrected drift needs two scratch vectors per call; a ThreadLocal keeps it allocation-free
        // and thread-safe.
        ThreadLocal<double[][]> scratch = ThreadLocal.withInitial(() -> new double[2][d]);
        Drift corrected = (t, x, out) -> {
            double[][] s = scratch.get();
            original.evaluate(t, x, out);
            g.evaluate(t, x, s[0]);
            dg.evaluate(t, x, s[1]);
            for (int i = 0; i < d; i++) {
                out[i] += sign * s[0][i] * s[1][i];
            }
        };
        Builder converted = toBuilder().drift(corrected).calculus(target);
        converted.blockDrift = null; // the batched drift would miss the correction
        converted.scalarDrift = null;
        converted.driftSpectralRadius = null; // a bound for the uncorrected drift
        return converted.build();
    }

    private boolean hasDiagonalDerivativeForm() {
        return noise == NoiseStructure.DIAGONAL || (noise == NoiseStructure.SCALAR && stateDimension == 1);
    }

    /** A builder holding this SDE's parts, to derive a modified copy. */
    public Builder toBuilder() {
        Builder b = new Builder(stateDimension, noiseDimension);
        b.noise = noise;
        b.calculus = calculus;
        b.drift = drift;
        b.diffusion = diffusion;
        b.diffusionVector = diffusionVector;
        b.diffusionDerivative = diffusionDerivative;
        b.driftJacobian = driftJacobian;
        b.driftSpectralRadius = driftSpectralRadius;
        b.blockDrift = blockDrift;
        b.blockDiffusion = blockDiffusion;
        b.blockDiffusionDerivative = blockDiffusionDerivative;
        b.scalarDrift = scalarDrift;
        b.scalarDiffusion = scalarDiffusion;
        b.scalarDerivative = scalarDerivative;
        return b;
    }

    /** The state dimension d. */
    public int stateDimension() {
        return stateDimension;
    }

    /** The noise dimension m (number of independent Brownian motions). */
    public int noiseDimension() {
        return noiseDimension;
    }

    /** The declared noise structure. */
    public NoiseStructure noise() {
        return noise;
    }

    /** The calculus in which the diffusion term is read. */
    public Calculus calculus() {
        return calculus;
    }

    /**
     * Evaluates the drift {@code out = f(t, x)}.
     *
     * @param x   state, length d (not modified)
     * @param out length d (modified)
     */
    public void drift(double t, double[] x, double[] out) {
        drift.evaluate(t, x, out);
    }

    /**
     * Evaluates {@code out = g(t, x) · dw}.
     *
     * @param x   state, length d (not modified)
     * @param dw  increment, length m (not modified)
     * @param out length d (modified)
     */
    public void diffusion(double t, double[] x, double[] dw, double[] out) {
        diffusion.applyTo(t, x, dw, out);
    }

    /**
     * Whether {@link #diffusionVector} is available: one noise channel (m = 1: g is a d-vector, whatever
     * the declared structure) or diagonal noise (g's diagonal).
     */
    public boolean hasDiffusionVector() {
        return diffusionVector != null;
    }

    /**
     * Evaluates the non-zero entries of {@code g(t, x)}: the vector {@code g} when m = 1, the diagonal for
     * diagonal noise.
     *
     * @param x   state, length d (not modified)
     * @param out length d (modified)
     * @throws IllegalStateException when the noise is neither scalar nor diagonal
     */
    public void diffusionVector(double t, double[] x, double[] out) {
        if (diffusionVector == null) {
            throw new IllegalStateException("diffusionVector is defined for one noise channel (m = 1) or diagonal"
                    + " noise only; this SDE has " + noise.label() + " noise with m = " + noiseDimension);
        }
        diffusionVector.evaluate(t, x, out);
    }

    /** Whether the diffusion derivative {@code ∂g_i/∂x_i} was supplied. */
    public boolean hasDiffusionDerivative() {
        return diffusionDerivative != null;
    }

    /**
     * Evaluates the diffusion derivative {@code out_i = ∂g_i/∂x_i} (diagonal noise, or scalar noise
     * with d = 1).
     *
     * @param x   state, length d (not modified)
     * @param out length d (modified)
     * @throws IllegalStateException when no derivative was supplied
     */
    public void diffusionDerivative(double t, double[] x, double[] out) {
        if (diffusionDerivative == null) {
            throw new IllegalStateException("this SDE has no diffusion derivative: supply one with"
                    + " diffusionDerivative(...) or use a derivative-free scheme");
        }
        diffusionDerivative.evaluate(t, x, out);
    }

    /** Whether the drift Jacobian {@code ∂f/∂x} was supplied (implicit schemes use it; otherwise they difference). */
    public boolean hasDriftJacobian() {
        return driftJacobian != null;
    }

    /**
     * Evaluates the drift Jacobian {@code out[i·d + k] = ∂f_i/∂x_k (t, x)}.
     *
     * @param x   state, length d (not modified)
     * @param out length d² (modified)
     * @throws IllegalStateException when no Jacobian was supplied
     */
    public void driftJacobian(double t, double[] x, double[] out) {
        if (driftJacobian == null) {
            throw new IllegalStateException("this SDE has no drift Jacobian: supply one with driftJacobian(...)"
                    + " or let the implicit scheme use finite differences");
        }
        driftJacobian.evaluate(t, x, out);
    }

    /** Whether a bound on the drift Jacobian's spectral radius was supplied ({@link SpectralRadiusBound}). */
    public boolean hasDriftSpectralRadius() {
        return driftSpectralRadius != null;
    }

    /**
     * The supplied bound on ρ(∂f/∂x (t, x)).
     *
     * @throws IllegalStateException when none was supplied
     * @throws IllegalArgumentException when the bound returns a negative number, NaN or infinity
     */
    public double driftSpectralRadius(double t, double[] x) {
        if (driftSpectralRadius == null) {
            throw new IllegalStateException("this SDE has no spectral-radius bound: supply one with"
                    + " driftSpectralRadius(...)");
        }
        double rho = driftSpectralRadius.at(t, x);
        if (!(rho >= 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("the drift's spectral-radius bound returned " + rho + " at t = " + t
                    + ": must be finite and ≥ 0");
        }
        return rho;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Sde[d=%d, m=%d, noise=%s, calculus=%s%s]", stateDimension,
                noiseDimension, noise.label(), calculus.displayName(),
                diffusionDerivative != null ? ", with diffusion derivative" : "");
    }

    /**
     * Builds an {@link Sde}. The diffusion is given in exactly one of three forms:
     * {@link #diffusion(Diffusion, NoiseStructure)} (any structure, as a matrix–vector product),
     * {@link #diagonalDiffusion(VectorField)} or {@link #scalarDiffusion(VectorField)}.
     */
    public static final class Builder {
        private final int stateDimension;
        private final int noiseDimension;
        private NoiseStructure noise;
        private Calculus calculus = Calculus.ITO;
        private Drift drift;
        private Diffusion diffusion;
        private VectorField diffusionVector;
        private VectorField diffusionDerivative;
        private DriftJacobian driftJacobian;
        private SpectralRadiusBound driftSpectralRadius;
        private BlockField blockDrift;
        private BlockField blockDiffusion;
        private BlockField blockDiffusionDerivative;
        private ScalarFunction scalarDrift;
        private ScalarFunction scalarDiffusion;
        private ScalarFunction scalarDerivative;

        private Builder(int stateDimension, int noiseDimension) {
            this.stateDimension = Require.positive("stateDimension", stateDimension);
            this.noiseDimension = Require.positive("noiseDimension", noiseDimension);
            this.noise = noiseDimension == 1 ? NoiseStructure.SCALAR : NoiseStructure.GENERAL;
        }

        /** Sets the drift {@code f(t, x)}. */
        public Builder drift(Drift value) {
            this.drift = Require.nonNull("drift", value);
            this.blockDrift = null;
            this.scalarDrift = null;
            this.driftSpectralRadius = null;
            return this;
        }

        /**
         * Sets the diffusion as the product {@code g(t, x) · dw} and declares its noise structure.
         * For {@link NoiseStructure#SCALAR} and {@link NoiseStructure#DIAGONAL} prefer
         * {@link #scalarDiffusion} and {@link #diagonalDiffusion}, which also give schemes the
         * vector {@code g} itself.
         */
        public Builder diffusion(Diffusion value, NoiseStructure structure) {
            this.diffusion = Require.nonNull("diffusion", value);
            this.noise = Require.nonNull("noise structure", structure);
            this.blockDiffusion = null;
            this.scalarDiffusion = null;
            if (noiseDimension == 1 || structure == NoiseStructure.DIAGONAL) {
                this.diffusionVector = unitProduct(value, noiseDimension);
            } else {
                this.diffusionVector = null;
            }
            return this;
        }

        /**
         * Sets diagonal noise (m = d): {@code g = diag(v(t, x))}, where {@code v_i} depends on
         * {@code x_i} only.
         */
        public Builder diagonalDiffusion(VectorField diagonal) {
            Require.nonNull("diagonal diffusion", diagonal);
            if (noiseDimension != stateDimension) {
                throw new IllegalArgumentException("diagonal noise needs noiseDimension = stateDimension, but m = "
                        + noiseDimension + " and d = " + stateDimension);
            }
            int d = stateDimension;
            ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[d]);
            this.diffusion = d == 1
                    ? (t, x, dw, out) -> {
                        diagonal.evaluate(t, x, out);
                        out[0] *= dw[0];
                    }
                    : (t, x, dw, out) -> {
                        double[] v = scratch.get();
                        diagonal.evaluate(t, x, v);
                        for (int i = 0; i < d; i++) {
                            out[i] = v[i] * dw[i];
                        }
                    };
            this.diffusionVector = diagonal;
            this.blockDiffusion = null;
            this.scalarDiffusion = null;
            this.noise = d == 1 ? NoiseStructure.SCALAR : NoiseStructure.DIAGONAL;
            return this;
        }

        /** Sets scalar noise (m = 1): {@code g(t, x) dW = v(t, x) dW} with one Brownian motion. */
        public Builder scalarDiffusion(VectorField vector) {
            Require.nonNull("scalar diffusion", vector);
            if (noiseDimension != 1) {
                throw new IllegalArgumentException("scalar noise needs noiseDimension = 1, but m = " + noiseDimension);
            }
            int d = stateDimension;
            this.diffusion = (t, x, dw, out) -> {
                vector.evaluate(t, x, out);
                double w = dw[0];
                for (int i = 0; i < d; i++) {
                    out[i] *= w;
                }
            };
            this.diffusionVector = vector;
            this.blockDiffusion = null;
            this.scalarDiffusion = null;
            this.noise = NoiseStructure.SCALAR;
            return this;
        }

        /**
         * Sets the diffusion derivative {@code out_i = ∂g_i/∂x_i}, for diagonal noise or scalar noise
         * with d = 1 (Milstein schemes with a user-supplied derivative use it).
         */
        public Builder diffusionDerivative(VectorField derivative) {
            this.diffusionDerivative = Require.nonNull("diffusion derivative", derivative);
            this.blockDiffusionDerivative = null;
            this.scalarDerivative = null;
            return this;
        }

        /**
         * Sets the drift Jacobian {@code ∂f_i/∂x_k}, written row-major into a d² array; drift-implicit
         * schemes use it in their Newton iterations (without it they use finite differences).
         */
        public Builder driftJacobian(DriftJacobian jacobian) {
            this.driftJacobian = Require.nonNull("drift Jacobian", jacobian);
            return this;
        }

        /**
         * Sets a bound on the spectral radius of the drift's Jacobian ({@link SpectralRadiusBound}); SK-ROCK takes its
         * stage count from it instead of a Gershgorin bound or power iteration. Set it after {@link #drift}, which
         * clears it.
         */
        public Builder driftSpectralRadius(SpectralRadiusBound bound) {
            this.driftSpectralRadius = Require.nonNull("spectral-radius bound", bound);
            return this;
        }

        /** Sets the calculus (default Itô). */
        public Builder calculus(Calculus value) {
            this.calculus = Require.nonNull("calculus", value);
            return this;
        }

        /**
         * @return the SDE
         * @throws IllegalArgumentException when a part is missing or the noise structure does not fit
         *                                  the dimensions
         */
        public Sde build() {
            if (drift == null) {
                throw new IllegalArgumentException("drift is missing: call drift(...)");
            }
            if (diffusion == null) {
                throw new IllegalArgumentException("diffusion is missing: call diffusion(...), diagonalDiffusion(...)"
                        + " or scalarDiffusion(...)");
            }
            if (noise == NoiseStructure.SCALAR && noiseDimension != 1) {
                throw new IllegalArgumentException("scalar noise needs noiseDimension = 1, but m = " + noiseDimension);
            }
            if (noise == NoiseStructure.DIAGONAL && noiseDimension != stateDimension) {
                throw new IllegalArgumentException("diagonal noise needs noiseDimension = stateDimension, but m = "
                        + noiseDimension + " and d = " + stateDimension);
            }
            if (diffusionDerivative != null && !(noise == NoiseStructure.DIAGONAL || noise == NoiseStructure.NONE
                    || (noise == NoiseStructure.SCALAR && stateDimension == 1) || noise == NoiseStructure.ADDITIVE)) {
                throw new IllegalArgumentException("a diffusion derivative ∂g_i/∂x_i is defined for diagonal noise"
                        + " or scalar noise with d = 1, but this SDE has " + noise.label() + " noise with d = "
                        + stateDimension);
            }
            return new Sde(this);
        }

        private static VectorField unitProduct(Diffusion product, int m) {
            double[] ones = new double[m];
            Arrays.fill(ones, 1.0);
            return (t, x, out) -> product.applyTo(t, x, ones, out);
        }
    }
}
