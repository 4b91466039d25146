package org.sde4j.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.sde4j.brownian.BrownianSourceFactory;
import org.sde4j.problems.Problems;
import org.sde4j.solver.scheme.Schemes;

/**
 * The engine is an explicit option, and the caller's executor changes nothing but where the work runs.
 */
class EngineOptionTest {
    @Test
    void autoIsTheBlockEngineAndPathIsThePathEngine() {
        var gbm = Problems.gbm().problem();
        var em = Schemes.byName("euler-maruyama");
        double[] auto = Ensemble.of(gbm, em).steps(8).paths(600).seed(4).threads(1).keepFinalStates(true).run()
                .finalStates();
        double[] block = Ensemble.of(gbm, em).steps(8).paths(600).seed(4).threads(1).keepFinalStates(true)
                .engine(Ensemble.Engine.BLOCK).run().finalStates();
        double[] path = Ensemble.of(gbm, em).steps(8).paths(600).seed(4).threads(1).keepFinalStates(true)
                .engine(Ensemble.Engine.PATH).run().finalStates();
        double[] perPath = Ensemble.of(gbm, em).steps(8).paths(600).seed(4).threads(1).keepFinalStates(true)
                .perPathStreams().run().finalStates();
        assertArrayEquals(block, auto, 0.0);
        assertArrayEquals(path, perPath, 0.0);
        assertTrue(path[0] != block[0], "the engines draw different streams");
    }

    /**
     * A scheme with its own driving noise runs on the block engine under AUTO (on its own two- or three-point
     * draws); an explicit noise source of the very same law still selects the path engine (other streams, same
     * law), and so does engine(PATH).
     */
    @Test
    void weakSchemesRunOnTheBlockEngineUnderAuto() {
        var gbm = Problems.gbm().problem();
        for (String name : new String[] {"platen-weak2", "weak-euler"}) {
            var scheme = Schemes.byName(name);
            double[] auto = Ensemble.of(gbm, scheme).steps(8).paths(600).seed(4).threads(2).keepFinalStates(true).run()
                    .finalStates();
            double[] block = Ensemble.of(gbm, scheme).steps(8).paths(600).seed(4).threads(1).keepFinalStates(true)
                    .engine(Ensemble.Engine.BLOCK).run().finalStates();
            double[] path = Ensemble.of(gbm, scheme).steps(8).paths(600).seed(4).threads(1).keepFinalStates(true)
                    .engine(Ensemble.Engine.PATH).run().finalStates();
            double[] ownLaw = Ensemble.of(gbm, scheme).steps(8).paths(600).seed(4).threads(1).keepFinalStates(true)
                    .noise(scheme.drivingNoise()).run().finalStates();
            assertArrayEquals(block, auto, 0.0, name + ": AUTO is the block engine");
            assertArrayEquals(path, ownLaw, 0.0, name + ": an explicit source is the path engine");
            assertTrue(!java.util.Arrays.equals(path, block), name + ": the engines draw different streams");
        }
    }

    @Test
    void blockIsRefusedWhereItCannotRun() {
        var twoNoise = Problems.gbm2noise().problem();
        IllegalArgumentException noForm = assertThrows(IllegalArgumentException.class, () -> Ensemble.of(twoNoise,
                Schemes.byName("euler-maruyama")).steps(4).paths(10).engine(Ensemble.Engine.BLOCK).run());
        assertTrue(noForm.getMessage().contains("engine = BLOCK"), noForm.getMessage());
        IllegalArgumentException source = assertThrows(IllegalArgumentException.class, () -> Ensemble.of(
                Problems.gbm().problem(), Schemes.byName("euler-maruyama")).steps(4).paths(10)
                .brownian(BrownianSourceFactory.gaussian()).engine(Ensemble.Engine.BLOCK).run());
        assertTrue(source.getMessage().contains("noise source"), source.getMessage());
    }

    @Test
    void aCallersExecutorGivesTheSameBits() {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            var ou = Problems.ou().problem();
            var sra = Schemes.byName("sra1");
            double[] own = Ensemble.of(ou, sra).steps(16).paths(3000).seed(9).threads(3).run().mean();
            double[] shared = Ensemble.of(ou, sra).steps(16).paths(3000).seed(9).threads(3).executor(pool).run().mean();
            double[] again = Ensemble.of(ou, sra).steps(16).paths(3000).seed(9).threads(3).executor(pool).run().mean();
            assertArrayEquals(own, shared, 0.0);
            assertArrayEquals(own, again, 0.0);
        } finally {
            pool.shutdownNow();
        }
    }
}
