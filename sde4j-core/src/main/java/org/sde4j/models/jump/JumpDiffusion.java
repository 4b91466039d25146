package org.sde4j.models.jump;

import java.util.Locale;
import org.sde4j.sde.Calculus;
import org.sde4j.sde.Require;
import org.sde4j.sde.Sde;

/**
 * A jump diffusion {@code dX = f(t, X) dt + g(t, X) dW + h(t, X⁻, ξ) dN} on {@code [t0, t1]} from {@code x0}: the
 * diffusion part is an {@link Sde} (Itô; a Stratonovich SDE is converted), N a Poisson process of intensity λ (or
 * of intensity λ(t, X⁻) ≤ λ̄, simulated by thinning: candidates at rate λ̄, each kept with probability
 * λ(t, X⁻)/λ̄; Lewis &amp; Shedler 1979), ξ marks of a {@link MarkLaw}, h a {@link JumpMap}. Immutable.
 */
public final class JumpDiffusion {
    private final Sde sde;
    private final double[] x0;
    private final double t0;
    private final double t1;
    private final double rateBound;
    private final Intensity intensity;
    private final MarkLaw marks;
    private final JumpMap jump;

    private JumpDiffusion(Sde sde, double[] x0, double t0, double t1, double rateBound, Intensity intensity,
            MarkLaw marks, JumpMap jump) {
        this.sde = sde;
        this.x0 = x0;
        this.t0 = t0;
        this.t1 = t1;
        this.rateBound = rateBound;
        this.intensity = intensity;
        this.marks = marks;
        this.jump = jump;
    }

    /**
     * A jump diffusion with constant intensity.
     *
     * @param sde       the diffusion part
     * @param x0        the initial state, length d
     * @param t0        start time
     * @param t1        end time, after t0
     * @param intensity λ ≥ 0, jumps per unit time
     * @param marks     the law of the marks
     * @param jump      the jump map
     * @throws IllegalArgumentException when λ is negative or not finite, x0 has the wrong length, or t1 ≤ t0
     */
    public static JumpDiffusion of(Sde sde, double[] x0, double t0, double t1, double intensity, MarkLaw marks,
            JumpMap jump) {
        Require.nonNull("sde", sde);
        Require.nonNull("marks", marks);
        Require.nonNull("jump", jump);
        Require.timeSpan(t0, t1);
        double[] start = Require.finiteVector("x0", x0, sde.stateDimension()).clone();
        checkRate("intensity", intensity);
        Sde ito = sde.calculus() == Calculus.ITO ? sde : sde.convertedTo(Calculus.ITO);
        return new JumpDiffusion(ito, start, t0, t1, intensity, null, marks, jump);
    }

    /**
     * The same model with a state-dependent intensity, simulated by thinning.
     *
     * @param rate  λ(t, x⁻), which must stay in [0, bound]
     * @param bound λ̄ &gt; 0, the rate of the candidate jumps
     * @throws IllegalArgumentException when the bound is not positive and finite
     */
    public JumpDiffusion withStateIntensity(Intensity rate, double bound) {
        Require.nonNull("rate", rate);
        checkRate("bound", bound);
        if (bound == 0) {
            throw new IllegalArgumentException("bound = 0: thinning needs a positive bound on the intensity");
        }
        return new JumpDiffusion(sde, x0, t0, t1, bound, rate, marks, jump);
    }

    private static void checkRate(String name, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " = " + value + ": a jump intensity must be finite and >= 0");
        }
    }

    public Sde sde() {
        return sde;
    }

    public int dimension() {
        return x0.length;
    }

    /** A copy of the initial state. */
    public double[] x0() {
        return x0.clone();
    }

    public double t0() {
        return t0;
    }

    public double t1() {
        return t1;
    }

    /** The rate of candidate jumps: λ, or λ̄ under thinning. */
    public double rateBound() {
        return rateBound;
    }

    /** Whether jumps are thinned by a state-dependent intensity. */
    public boolean thinned() {
        return intensity != null;
    }

    /**
     * The probability that a candidate jump at t from x⁻ is kept: λ(t, x⁻)/λ̄, or 1 for a constant intensity.
     *
     * @throws IllegalStateException when λ(t, x⁻) leaves [0, λ̄]
     */
    double keepProbability(double t, double[] x) {
        if (intensity == null) {
            return 1;
        }
        double rate = intensity.rate(t, x);
        if (!(rate >= 0 && rate <= rateBound)) {
            throw new IllegalStateException("intensity λ(t, x) = " + rate + " at t = " + t + ": must lie in [0, "
                    + rateBound + "], the thinning bound");
        }
        return rate / rateBound;
    }

    public MarkLaw marks() {
        return marks;
    }

    public JumpMap jump() {
        return jump;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "JumpDiffusion[d = %d, [%s, %s], %s %s, marks %s]", x0.length, t0, t1,
                thinned() ? "thinned below" : "intensity", rateBound, marks.name());
    }
}
