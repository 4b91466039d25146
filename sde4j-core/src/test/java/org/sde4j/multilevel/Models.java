package org.sde4j.multilevel;

import org.sde4j.sde.SdeProblem;

/** Test problems with exact expectations. */
final class Models {
    private Models() {
    }

    /** {@link EstimationProblems#sinh}. */
    static SdeProblem sinh(double x0, double t) {
        return EstimationProblems.sinh(x0, t);
    }

    static double sinhMean(double x0, double t) {
        return EstimationProblems.sinhMean(x0, t);
    }
}
