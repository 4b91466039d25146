package org.sde4j.nn.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.BatchNorm;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.solver.scheme.RungeKuttaSchemes;

/**
 * Each stage of a multi-stage scheme keeps its own batch-norm running statistics (the cause of PolyNet's and
 * FractalNet's chance-level test accuracy before), created with the stage so checkpoints see them.
 */
class StageStatisticsTest {
    @Test
    void everyStageHasItsOwnStatistics() {
        Layer branch = new Sequential(List.of(new BatchNorm("bn", 3, true)));
        LayerField field = new LayerField(List.of(branch), new double[] {1}, new double[] {0});
        assertEquals(2, field.buffers().size());
        field.stages(RungeKuttaSchemes.HEUN.tableau().stages());
        List<Tensor> buffers = field.buffers();
        assertEquals(4, buffers.size(), "running mean and variance of each of Heun's two stages");
        assertNotSame(buffers.get(0), buffers.get(2));
        assertEquals(1f, buffers.get(3).data()[0], 0f, "a fresh running variance");
    }
}
