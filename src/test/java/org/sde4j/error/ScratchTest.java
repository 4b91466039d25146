package org.sde4j.error;

import org.junit.jupiter.api.Test;
import org.sde4j.problems.Problems;
import org.sde4j.problems.TestProblem;
import org.sde4j.solver.Schemes;

class ScratchTest {
    @Test
    void scratch() {
        TestProblem gbm = Problems.gbm();
        for (String s : new String[] {"euler-maruyama", "milstein"}) {
            for (long paths : new long[] {1000, 4000, 10000}) {
                long t = System.nanoTime();
                var all = StrongError.of(gbm.problem(), Schemes.byName(s)).exact(gbm.solution().get()).halvings(16, 5)
                        .paths(paths).seed(1).threads(2).runNorms();
                System.out.println((System.nanoTime() - t) * 1e-9 + " s");
                all.values().forEach(r -> System.out.println(r.report()));
            }
        }
        var cvSol = gbm.solution().get();
        var w = WeakError.of(gbm.problem(), Schemes.byName("euler-maruyama"), Functional.component(0))
                .exactExpectation(0.5 * Math.exp(1.01)).halvings(16, 5).paths(2000).seed(1)
                .controlVariate(new ControlVariate((tt, ww) -> { double[] o = new double[1]; cvSol.value(tt, ww, o); return o[0]; }, 0.5 * Math.exp(1.01)))
                .run();
        System.out.println(w.report());
        var w2 = WeakError.of(gbm.problem(), Schemes.byName("euler-maruyama"), Functional.component(0))
                .reference(Schemes.byName("milstein")).halvings(16, 5).paths(2000).seed(1).run();
        System.out.println(w2.report());
    }
}
