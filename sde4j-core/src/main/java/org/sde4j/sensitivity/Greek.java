package org.sde4j.sensitivity;

/**
 * One sensitivity of a {@link GreeksRecipe}: its estimate, standard error and closed form.
 *
 * @param name          its name ("delta", "vega", "dV/dkappa", …; "price" for the value itself)
 * @param estimate      the Monte Carlo estimate
 * @param standardError its standard error
 * @param closedForm    the closed form, or NaN when the model and functional have none
 */
public record Greek(String name, double estimate, double standardError, double closedForm) {
    /** Whether a closed form is known. */
    public boolean hasClosedForm() {
        return !Double.isNaN(closedForm);
    }
}
