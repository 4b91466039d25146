package org.sde4j.fit;

import java.util.Arrays;

/** A fit whose loss became NaN or infinite: names the epoch and the last parameters with a finite loss. */
public final class FitDivergedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final int epoch;
    private final double[] lastFinite;

    FitDivergedException(String model, int epoch, double loss, double[] lastFinite) {
        super(model + " fit diverged at epoch " + epoch + ": loss " + loss + "; last finite parameters (natural) "
                + Arrays.toString(lastFinite));
        this.epoch = epoch;
        this.lastFinite = lastFinite.clone();
    }

    /** The epoch at which the loss stopped being finite. */
    public int epoch() {
        return epoch;
    }

    /** The natural parameters of the last epoch with a finite loss. */
    public double[] lastFiniteParameters() {
        return lastFinite.clone();
    }
}
