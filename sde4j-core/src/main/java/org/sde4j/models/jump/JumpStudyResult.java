package org.sde4j.models.jump;

import java.util.Locale;

/**
 * Strong and weak errors of a jump-adapted scheme at several step counts, every level of a path sharing its jumps
 * and its Brownian path. Strong error: E|X_N − X_ref| (Euclidean norm of the final state); weak error: E[X_N,0 −
 * X_ref,0], the signed mean difference of the first component (small standard errors, since the levels are
 * coupled). Orders are least-squares slopes of log error against log h (h = (t1 − t0)/N, the regular step).
 */
public record JumpStudyResult(int[] steps, double[] stepSizes, double[] strong, double[] strongError,
        double[] weak, double[] weakError, double strongOrder, long paths, double seconds) {

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "JumpStudyResult[%d paths, strong order %.3f, %.1f s]%n", paths, strongOrder, seconds));
        for (int i = 0; i < steps.length; i++) {
            b.append(String.format(Locale.ROOT, "  N = %5d  h = %.5f  strong %.4e ± %.1e  weak %+.4e ± %.1e%n",
                    steps[i], stepSizes[i], strong[i], strongError[i], weak[i], weakError[i]));
        }
        return b.toString();
    }
}
