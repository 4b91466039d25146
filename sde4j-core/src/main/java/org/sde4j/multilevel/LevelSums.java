package org.sde4j.multilevel;

import java.io.Serializable;

/**
 * The sums one level's samples leave: their number N, {@code Σ Y} and {@code Σ Y²} of the correction
 * {@code Y = P_ℓ − P_{ℓ−1}} (Y = P_0 at level 0), and {@code Σ P} and {@code Σ P²} of the fine payoff alone (for the
 * variance that plain Monte Carlo would face at that step). Chunks' sums add in chunk order, so the totals have the
 * same bits for any thread count or split into shards. {@code seconds} is the wall time the samples took (not part
 * of the sums' bits).
 *
 * @param count   N
 * @param sumY    Σ Y
 * @param sumY2   Σ Y²
 * @param sumP    Σ P_ℓ
 * @param sumP2   Σ P_ℓ²
 * @param seconds wall time, 0 in a chunk's part
 */
public record LevelSums(long count, double sumY, double sumY2, double sumP, double sumP2, double seconds)
        implements Serializable {
    /** No samples. */
    public static final LevelSums EMPTY = new LevelSums(0, 0, 0, 0, 0, 0);

    /** These sums and {@code other}'s, in that order (times added). */
    public LevelSums plus(LevelSums other) {
        return new LevelSums(count + other.count, sumY + other.sumY, sumY2 + other.sumY2, sumP + other.sumP,
                sumP2 + other.sumP2, seconds + other.seconds);
    }

    /** The same sums with another wall time. */
    public LevelSums withSeconds(double value) {
        return new LevelSums(count, sumY, sumY2, sumP, sumP2, value);
    }

    /** Whether the sums (not the time) are bit-identical. */
    public boolean sameSums(LevelSums o) {
        return count == o.count && Double.compare(sumY, o.sumY) == 0 && Double.compare(sumY2, o.sumY2) == 0
                && Double.compare(sumP, o.sumP) == 0 && Double.compare(sumP2, o.sumP2) == 0;
    }

    /** The mean of Y (NaN without samples). */
    public double meanY() {
        return sumY / count;
    }

    /** The sample variance of Y, {@code (Σ Y² − N Ȳ²)/(N − 1)}, at least 0 (NaN below two samples). */
    public double varianceY() {
        return variance(sumY, sumY2);
    }

    /** The mean of the fine payoff. */
    public double meanP() {
        return sumP / count;
    }

    /** The sample variance of the fine payoff. */
    public double varianceP() {
        return variance(sumP, sumP2);
    }

    private double variance(double s1, double s2) {
        if (count < 2) {
            return Double.NaN;
        }
        double mean = s1 / count;
        return Math.max(0, (s2 - count * mean * mean) / (count - 1));
    }
}
