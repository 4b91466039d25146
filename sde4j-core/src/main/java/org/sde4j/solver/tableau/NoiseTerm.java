package org.sde4j.solver.tableau;

/**
 * The noise quantities ξ that a stochastic Runge–Kutta tableau multiplies diffusion evaluations by.
 * Each is computed per noise component j from the step's {@code ΔW_j} and {@code h}; with
 * {@code g(H)·ξ} they form the stage and update terms of {@link StochasticTableau}.
 */
public enum NoiseTerm {
    /** {@code ξ_j = ΔW_j}: the Itô/Stratonovich integral {@code I_(j)}. */
    DW("ΔW"),
    /** {@code ξ_j = √h}: the deterministic scale of Rößler-type supporting stages. */
    SQRT_H("√h"),
    /** {@code ξ_j = (ΔW_j² − h) / (2√h) = I_(j,j) / √h}, the Itô double integral scaled (Milstein term). */
    ITO_SQUARE("(ΔW² − h)/(2√h)"),
    /** {@code ξ_j = ΔW_j² / (2√h) = J_(j,j) / √h}, the Stratonovich double integral scaled. */
    STRATONOVICH_SQUARE("ΔW²/(2√h)"),
    /**
     * {@code ξ_j = I_(j,0) / h = ΔW_j / 2 + H_j}, where {@code I_(j,0) = ∫∫ dW_j ds = ∫ (W_j(u) − W_j(t)) du}
     * and H is the step's space-time Lévy area (N(0, h/12), independent of ΔW): needs a source of H.
     */
    TIME_INTEGRAL("I_(1,0)/h"),
    /** {@code ξ_j = I_(j,j,j) / h = (ΔW_j³ − 3 h ΔW_j) / (6h)}, the Itô triple integral scaled. */
    ITO_CUBE("(ΔW³ − 3hΔW)/(6h)");

    private final String symbol;

    NoiseTerm(String symbol) {
        this.symbol = symbol;
    }

    /** The quantity's formula, for descriptions. */
    public String symbol() {
        return symbol;
    }

    /**
     * ξ for one noise component.
     *
     * @param area the component's space-time Lévy area H (0 when the term does not use it)
     */
    public double value(double dw, double h, double sqrtH, double area) {
        // A switch rather than constant-specific bodies: one monomorphic call site in the hot loop.
        switch (this) {
            case DW:
                return dw;
            case SQRT_H:
                return sqrtH;
            case ITO_SQUARE:
                return itoSquare(dw, h, 1 / sqrtH);
            case STRATONOVICH_SQUARE:
                return stratonovichSquare(dw, sqrtH);
            case TIME_INTEGRAL:
                return timeIntegral(dw, area);
            case ITO_CUBE:
                return itoCube(dw, h, 1 / h);
            default:
                throw new IllegalStateException("noise term " + this);
        }
    }

    /**
     * ξ for components {@code 0..count−1} of a block row: {@code out[p] = ξ(dw[p], h, area[p])}; for the block
     * engine. Same formulas, same rounding as {@link #value}.
     *
     * @param area the row's Lévy areas (read by {@link #TIME_INTEGRAL} only)
     */
    public void fill(double[] out, double[] dw, double[] area, double h, double sqrtH, int count) {
        switch (this) {
            case DW -> System.arraycopy(dw, 0, out, 0, count);
            case SQRT_H -> java.util.Arrays.fill(out, 0, count, sqrtH);
            case ITO_SQUARE -> {
                double invSqrtH = 1 / sqrtH;
                for (int p = 0; p < count; p++) {
                    out[p] = itoSquare(dw[p], h, invSqrtH);
                }
            }
            case STRATONOVICH_SQUARE -> {
                for (int p = 0; p < count; p++) {
                    out[p] = stratonovichSquare(dw[p], sqrtH);
                }
            }
            case TIME_INTEGRAL -> {
                for (int p = 0; p < count; p++) {
                    out[p] = timeIntegral(dw[p], area[p]);
                }
            }
            case ITO_CUBE -> {
                double invH = 1 / h;
                for (int p = 0; p < count; p++) {
                    out[p] = itoCube(dw[p], h, invH);
                }
            }
            default -> throw new IllegalStateException("noise term " + this);
        }
    }

    /**
     * ξ of one channel for lanes that each have their own step: {@code out[q] = value(dw[q], h[q], sqrtH[q],
     * area[q])} for {@code q < count}; for the block-adaptive engine. Same formulas, same rounding as
     * {@link #value}.
     *
     * @param area the channel's Lévy areas (read by {@link #TIME_INTEGRAL} only; may be null otherwise)
     */
    public void fillLanes(double[] out, double[] dw, double[] area, double[] h, double[] sqrtH, int count) {
        switch (this) {
            case DW -> System.arraycopy(dw, 0, out, 0, count);
            case SQRT_H -> System.arraycopy(sqrtH, 0, out, 0, count);
            case ITO_SQUARE -> {
                for (int q = 0; q < count; q++) {
                    out[q] = itoSquare(dw[q], h[q], 1 / sqrtH[q]);
                }
            }
            case STRATONOVICH_SQUARE -> {
                for (int q = 0; q < count; q++) {
                    out[q] = stratonovichSquare(dw[q], sqrtH[q]);
                }
            }
            case TIME_INTEGRAL -> {
                for (int q = 0; q < count; q++) {
                    out[q] = timeIntegral(dw[q], area[q]);
                }
            }
            case ITO_CUBE -> {
                for (int q = 0; q < count; q++) {
                    out[q] = itoCube(dw[q], h[q], 1 / h[q]);
                }
            }
            default -> throw new IllegalStateException("noise term " + this);
        }
    }

    /** {@code I_(1,1)/√h = ½ (ΔW² − h) / √h}. */
    static double itoSquare(double dw, double h, double invSqrtH) {
        return 0.5 * (dw * dw - h) * invSqrtH;
    }

    /** {@code J_(1,1)/√h = ΔW² / (2√h)}. */
    static double stratonovichSquare(double dw, double sqrtH) {
        return dw * dw / (2 * sqrtH);
    }

    /** {@code I_(1,0)/h = ΔW/2 + H}. */
    static double timeIntegral(double dw, double area) {
        return 0.5 * dw + area;
    }

    /** {@code I_(1,1,1)/h = (ΔW³ − 3hΔW) / (6h)}. */
    static double itoCube(double dw, double h, double invH) {
        return (dw * dw * dw - 3 * h * dw) / 6 * invH;
    }

    /** Whether this term needs the space-time Lévy area H of the step. */
    boolean needsSpaceTimeLevyArea() {
        return this == TIME_INTEGRAL;
    }
}
