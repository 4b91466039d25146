package org.sde4j.multilevel;

/**
 * One level of a multilevel estimate.
 *
 * @param level            ℓ
 * @param steps            n_ℓ, the fine steps
 * @param samples          N_ℓ
 * @param mean             the mean of {@code Y_ℓ = P_ℓ − P_{ℓ−1}} (of P_0 at level 0)
 * @param variance         V_ℓ, the sample variance of Y_ℓ
 * @param meanP            the mean of P_ℓ alone
 * @param varianceP        the sample variance of P_ℓ alone
 * @param cost             C_ℓ, the modelled cost of one sample in steps, {@code n_ℓ (1 + 1/M)} (n_0 at level 0)
 * @param secondsPerSample the measured wall time per sample (all threads' wall time over N_ℓ)
 */
public record LevelEstimate(int level, int steps, long samples, double mean, double variance, double meanP,
        double varianceP, double cost, double secondsPerSample) {
}
