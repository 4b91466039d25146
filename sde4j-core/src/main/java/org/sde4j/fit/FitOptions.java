package org.sde4j.fit;

/**
 * How to fit: Adam's learning rate and epoch budget, the Newton polish, and the held-out share.
 *
 * @param learningRate    Adam's step size (on unconstrained θ), positive
 * @param epochs          the number of Adam epochs (full batch), at least 1
 * @param newtonSteps     Newton steps on the observed information after Adam (0 for none)
 * @param heldOutFraction the share of the last transitions held out for the predictive score, in [0, 0.9]
 */
public record FitOptions(double learningRate, int epochs, int newtonSteps, double heldOutFraction) {
    /** The defaults: rate 0.02, 800 epochs, 20 Newton steps, 20 % held out. */
    public static final FitOptions DEFAULT = new FitOptions(0.02, 800, 20, 0.2);

    /** Validates. */
    public FitOptions {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("learningRate = " + learningRate + ": must be positive and finite");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs = " + epochs + ": must be at least 1");
        }
        if (newtonSteps < 0) {
            throw new IllegalArgumentException("newtonSteps = " + newtonSteps + ": must be at least 0");
        }
        if (!(heldOutFraction >= 0 && heldOutFraction <= 0.9)) {
            throw new IllegalArgumentException("heldOutFraction = " + heldOutFraction + ": must be in [0, 0.9]");
        }
    }
}
