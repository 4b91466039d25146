package org.sde4j.sde;

import java.util.Arrays;

/**
 * An initial-value problem: an {@link Sde}, an initial state {@code X(t0) = x0} and a time span
 * {@code [t0, t1]}. Immutable.
 *
 * <p>Construction checks what can be checked before solving: {@code x0} finite and of length d,
 * {@code t0 < t1}, and — by evaluating the drift and diffusion once at {@code (t0, x0)} — that they
 * write exactly d entries. A drift written for the wrong dimension fails here with a message that
 * says so, not later with an {@link ArrayIndexOutOfBoundsException} inside a solve. It also checks the
 * SDE's declared {@link NoiseStructure} on a sample of states near {@code x0} ({@link NoiseStructureCheck}).
 *
 * <p>The problem carries its driving noise ({@link #noise()}): independent Brownian motions unless
 * {@link #withNoise} sets another law, for example {@code problem.withNoise(NoiseProcess.correlation(r))}.
 * Every solve honours it.
 */
public final class SdeProblem {
    private final Sde sde;
    private final double[] x0;
    private final double t0;
    private final double t1;
    private final NoiseProcess noise;

    /**
     * @param sde the equation
     * @param x0  initial state, length d, finite (copied)
     * @param t0  start time
     * @param t1  end time, greater than {@code t0}
     * @throws IllegalArgumentException naming the offending parameter
     */
    public SdeProblem(Sde sde, double[] x0, double t0, double t1) {
        this(sde, x0, t0, t1, NoiseProcess.independent(), true);
    }

    private SdeProblem(Sde sde, double[] x0, double t0, double t1, NoiseProcess noise, boolean checkStructure) {
        this.sde = Require.nonNull("sde", sde);
        Require.finiteVector("x0", x0, sde.stateDimension());
        Require.timeSpan(t0, t1);
        this.x0 = x0.clone();
        this.t0 = t0;
        this.t1 = t1;
        this.noise = Require.nonNull("noise", noise);
        noise.requireDimension(sde.noiseDimension());
        checkDimensions();
        if (checkStructure) {
            NoiseStructureCheck.check(sde, t0, this.x0);
        }
    }

    /**
     * A problem whose SDE's declared noise structure is taken as given, not checked ({@link NoiseStructureCheck});
     * the other checks run. For experiments that apply a scheme to a structure the SDE does not have, for
     * example to measure the order a wrong declaration costs; everything else should use the constructor.
     */
    public static SdeProblem withUncheckedStructure(Sde sde, double[] x0, double t0, double t1) {
        return new SdeProblem(sde, x0, t0, t1, NoiseProcess.independent(), false);
    }

    /** A one-dimensional problem with {@code X(t0) = x0}. */
    public static SdeProblem of(Sde sde, double x0, double t0, double t1) {
        return new SdeProblem(sde, new double[] {x0}, t0, t1);
    }

    /** The same problem on another time span. */
    public SdeProblem withTimeSpan(double newT0, double newT1) {
        return new SdeProblem(sde, x0, newT0, newT1, noise, false);
    }

    /**
     * The same initial state, span and noise with another SDE (for example one converted to another calculus;
     * for correlated noise the Itô–Stratonovich drift correction {@code ½ Σ_jk C_jk L^j g^k} equals the one
     * {@link Sde#convertedTo} computes only when g is diagonal or scalar with unit variances, or additive).
     */
    public SdeProblem withSde(Sde newSde) {
        return new SdeProblem(newSde, x0, t0, t1, noise, newSde != sde);
    }

    /**
     * The same problem driven by {@code newNoise}, for example
     * {@code withNoise(NoiseProcess.correlation(new double[][] {{1, 0.5}, {0.5, 1}}))}.
     *
     * @throws IllegalArgumentException when the law does not fit the SDE's noise dimension m
     */
    public SdeProblem withNoise(NoiseProcess newNoise) {
        return new SdeProblem(sde, x0, t0, t1, newNoise, false);
    }

    /** The driving noise W ({@link NoiseProcess#independent()} unless set by {@link #withNoise}). */
    public NoiseProcess noise() {
        return noise;
    }

    /** The equation. */
    public Sde sde() {
        return sde;
    }

    /** A copy of the initial state. */
    public double[] x0() {
        return x0.clone();
    }

    /**
     * Copies the initial state into {@code out} without allocating.
     *
     * @param out length d (modified)
     */
    public void copyInitialState(double[] out) {
        System.arraycopy(x0, 0, out, 0, x0.length);
    }

    /** The start time. */
    public double t0() {
        return t0;
    }

    /** The end time. */
    public double t1() {
        return t1;
    }

    /** The state dimension d. */
    public int dimension() {
        return sde.stateDimension();
    }

    private void checkDimensions() {
        int d = sde.stateDimension();
        double[] dw = new double[sde.noiseDimension()];
        Arrays.fill(dw, 1.0);
        probe("drift", d, out -> sde.drift(t0, x0.clone(), out));
        probe("diffusion", d, out -> sde.diffusion(t0, x0.clone(), dw.clone(), out));
        if (sde.hasDiffusionDerivative()) {
            probe("diffusion derivative", d, out -> sde.diffusionDerivative(t0, x0.clone(), out));
        }
    }

    private void probe(String what, int d, java.util.function.Consumer<double[]> evaluation) {
        double[] out = new double[d];
        Arrays.fill(out, Double.NaN);
        try {
            evaluation.accept(out);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(what + " does not fit the dimensions d = " + d + ", m = "
                    + sde.noiseDimension() + ": evaluating it at t0 = " + t0 + ", x0 = " + Arrays.toString(x0)
                    + " indexed outside its arrays (" + e.getMessage() + ")", e);
        }
        for (int i = 0; i < d; i++) {
            if (Double.isNaN(out[i])) {
                throw new IllegalArgumentException(what + " does not fit the state dimension d = " + d
                        + ": at t0 = " + t0 + ", x0 = " + Arrays.toString(x0) + " it left entry " + i
                        + " unwritten or NaN");
            }
        }
    }

    @Override
    public String toString() {
        return "SdeProblem[" + sde + ", x0=" + Arrays.toString(x0) + ", t=[" + t0 + ", " + t1 + "]"
                + (noise.isIndependent() ? "" : ", " + noise.description()) + "]";
    }
}
