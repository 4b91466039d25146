package org.sde4j.error;

/**
 * How a strong error combines a path's errors {@code e_s = |X_N(t_s) − X(t_s)|} (Euclidean norm) at the
 * saved times {@code t_s} — the points of the coarsest level's grid after {@code t0} — before the
 * mean over paths is taken.
 */
public enum StrongNorm {
    /** At the final time only: {@code E|X_N − X(T)|} (Higham 2001). */
    FINAL("E|X_N − X(T)| at the final time"),
    /** Root mean square over the saved times: {@code E (S^{-1} Σ_s e_s²)^{1/2}}. */
    L2("E of the RMS over saved times of |X_n − X(t_n)|"),
    /** Maximum over the saved times: {@code E max_s e_s}. */
    MAX("E of the max over saved times of |X_n − X(t_n)|");

    private final String description;

    StrongNorm(String description) {
        this.description = description;
    }

    /** The norm in words. */
    public String description() {
        return description;
    }

    /** The lower-case label used on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
