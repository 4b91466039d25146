package org.sde4j.sde;

/**
 * The stochastic calculus in which the diffusion term {@code g(t, X) dW} of an SDE is read.
 *
 * <p>The two describe the same process when the drifts differ by the Itô–Stratonovich correction:
 * for diagonal noise (and scalar noise in one dimension)
 *
 * <pre>    f_Strat,i = f_Itô,i − ½ g_i ∂g_i/∂x_i</pre>
 *
 * (Kloeden &amp; Platen 1992, §4.9). {@link Sde#convertedTo(Calculus)} applies it.
 */
public enum Calculus {
    /** Itô: the integrand is evaluated at the left end of each interval. */
    ITO("Itô"),
    /** Stratonovich: the integrand is evaluated at the midpoint; the chain rule of ordinary calculus holds. */
    STRATONOVICH("Stratonovich");

    private final String displayName;

    Calculus(String displayName) {
        this.displayName = displayName;
    }

    /** The name as written in the literature ("Itô", "Stratonovich"). */
    public String displayName() {
        return displayName;
    }
}
