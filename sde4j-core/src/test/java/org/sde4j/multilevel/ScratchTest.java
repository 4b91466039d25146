package org.sde4j.multilevel;

import org.junit.jupiter.api.Test;
import org.sde4j.qmc.Gaussian;

class ScratchTest {
    @Test
    void print() {
        GbmFormulas gbm = GbmFormulas.GILES;
        long t0 = System.nanoTime();
        double s = 0;
        for (int i = 0; i < 1_000_000; i++) {
            s += Gaussian.quantile((i + 0.5) / 1e6);
        }
        System.out.println("quantile ns " + (System.nanoTime() - t0) / 1e6 + " " + s);
        t0 = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) {
            s += Gaussian.quantile((i + 0.5) / 1e6);
        }
        System.out.println("quantile ns " + (System.nanoTime() - t0) / 1e6 + " " + s);
        for (int steps : new int[] {16, 64}) {
            for (long n : new long[] {1024, 16384}) {
                RandomisedQmc.Result r = RandomisedQmc.of(gbm.problem(), Coupling.MILSTEIN, Payoff.europeanCall(1, gbm.discount()))
                        .steps(steps).points(n).randomisations(16).run();
                System.out.printf("steps %d N %d est %.7f se %.2e VR %.1f %.3fs%n", steps, n, r.estimate(), r.standardError(), r.varianceReduction(), r.seconds());
            }
        }
        Payoff[] ps = {Payoff.asianCall(1, gbm.discount(), true), Payoff.lookbackCall(gbm.discount()), Payoff.digitalCall(1, gbm.discount())};
        for (Payoff p : ps) {
            RandomisedQmc.Result r = RandomisedQmc.of(gbm.problem(), Coupling.MILSTEIN, p).steps(64).points(4096).run();
            System.out.printf("%s est %.7f se %.2e VR %.1f %.3fs%n", p, r.estimate(), r.standardError(), r.varianceReduction(), r.seconds());
        }
        MultilevelResult r = Multilevel.of(gbm.problem(), Coupling.MILSTEIN, Payoff.digitalCall(1, gbm.discount())).seed(3).estimate(1e-3);
        System.out.println(r.table());
    }
}
