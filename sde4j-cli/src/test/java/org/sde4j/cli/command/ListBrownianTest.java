package org.sde4j.cli.command;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sde4j.random.NoiseModel;
import org.sde4j.random.NoiseModels;

class ListBrownianTest {
    @Test
    void listShowsBrownianSourcesAndNoiseModels() {
        String sources = ListCommand.brownianTable().render();
        for (String name : new String[] {"streaming", "grid", "refinable-grid", "virtual-tree", "correlated",
                "iterated-streaming", "iterated-grid", "noise-driven"}) {
            assertTrue(sources.lines().anyMatch(l -> l.startsWith(name + " ")), name + "\n" + sources);
        }
        String noise = ListCommand.noiseTable().render();
        for (NoiseModel model : NoiseModels.all()) {
            assertTrue(noise.lines().anyMatch(l -> l.startsWith(model.name() + " ")), model.name() + "\n" + noise);
        }
        assertTrue(noise.lines().anyMatch(l -> l.startsWith("three-point ") && l.contains("3 h²")), noise);
    }
}
