package org.sde4j.cli.spark;

import org.sde4j.models.ModelCatalog;
import org.sde4j.models.mc.PathAverageJob;
import org.sde4j.models.mc.PathAverages;
import org.sde4j.spark.JobSpec;

/**
 * The Monte Carlo job of {@code sde4j solve --model}, as a recipe made of the specification texts and two numbers,
 * so that it can travel to Spark executors ({@code --spark}) and be built the same way in one JVM: the case
 * {@link ModelCatalog#of}{@code (model, jumps, barrier)} (jumps and barrier may be null), {@code paths} paths and a
 * root seed. The texts are parsed again on every executor; they were checked on the driver first.
 */
record LibraryModel(String model, String jumps, String barrier, long paths, long seed)
        implements JobSpec<PathAverages> {

    @Override
    public PathAverageJob create() {
        return ModelCatalog.of(model, jumps, barrier).job().apply(paths).seed(seed);
    }
}
