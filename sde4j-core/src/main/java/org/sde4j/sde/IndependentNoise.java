package org.sde4j.sde;

/** {@link NoiseProcess#independent()}: m independent standard Brownian motions, for any m. */
final class IndependentNoise implements NoiseProcess {
    static final IndependentNoise INSTANCE = new IndependentNoise();

    private IndependentNoise() {
    }

    @Override
    public boolean isIndependent() {
        return true;
    }

    @Override
    public void requireDimension(int m) {
        // Any number of independent channels.
    }

    @Override
    public String description() {
        return "independent Brownian motion";
    }

    @Override
    public String toString() {
        return description();
    }
}
