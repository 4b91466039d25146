package org.sde4j.solver;

/**
 * The noise quantities ξ that a stochastic Runge–Kutta tableau multiplies diffusion evaluations by.
 * Each is computed per noise component j from the step's {@code ΔW_j} and {@code h}; with
 * {@code g(H)·ξ} they form the stage and update terms of {@link StochasticTableau}.
 */
public enum NoiseTerm {
    /** {@code ξ_j = ΔW_j}: the Itô/Stratonovich integral {@code I_(j)}. */
    DW("ΔW") {
        @Override
        double value(double dw, double h, double sqrtH) {
            return dw;
        }
    },
    /** {@code ξ_j = √h}: the deterministic scale of Rößler-type supporting stages. */
    SQRT_H("√h") {
        @Override
        double value(double dw, double h, double sqrtH) {
            return sqrtH;
        }
    },
    /** {@code ξ_j = (ΔW_j² − h) / (2√h) = I_(j,j) / √h}, the Itô double integral scaled (Milstein term). */
    ITO_SQUARE("(ΔW² − h)/(2√h)") {
        @Override
        double value(double dw, double h, double sqrtH) {
            return (dw * dw - h) / (2 * sqrtH);
        }
    },
    /** {@code ξ_j = ΔW_j² / (2√h) = J_(j,j) / √h}, the Stratonovich double integral scaled. */
    STRATONOVICH_SQUARE("ΔW²/(2√h)") {
        @Override
        double value(double dw, double h, double sqrtH) {
            return dw * dw / (2 * sqrtH);
        }
    };

    private final String symbol;

    NoiseTerm(String symbol) {
        this.symbol = symbol;
    }

    /** The quantity's formula, for descriptions. */
    public String symbol() {
        return symbol;
    }

    /** ξ for one noise component. */
    abstract double value(double dw, double h, double sqrtH);
}
