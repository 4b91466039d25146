package org.sde4j.cli.bench;

import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.sde4j.ensemble.Ensemble;
import org.sde4j.random.BoxMullerStream;
import org.sde4j.random.RandomStreams;
import org.sde4j.sde.Sde;
import org.sde4j.sde.SdeProblem;
import org.sde4j.solver.scheme.EulerMaruyama;

/**
 * The workloads of {@code sde4j bench}: Euler–Maruyama on GBM {@code dX = μ X dt + σ X dW}
 * (μ = 0.05, σ = 0.2, X0 = 1, T = 1 — the parameters of the numpy baseline), P paths × N steps, and
 * the cost of its Gaussian draws alone (Commons RNG's Ziggurat and sde4j's vectorised Box–Muller stream). All three single-threaded workloads draw from the same per-path
 * streams as the ensemble engine (stream p of the seed, Ziggurat sampler), so their ratio isolates what
 * the engine adds.
 */
final class EulerWorkloads {
    static final double MU = 0.05;
    static final double SIGMA = 0.2;

    private final long paths;
    private final int steps;
    private final long seed;

    EulerWorkloads(long paths, int steps, long seed) {
        this.paths = paths;
        this.steps = steps;
        this.seed = seed;
    }

    /** The N(0, 1) draws alone: P × N samples from the per-path streams; returns their sum (kept live). */
    double gaussianDraws() {
        double sum = 0;
        for (long p = 0; p < paths; p++) {
            ContinuousSampler normal = RandomStreams.gaussian(seed, p);
            for (int k = 0; k < steps; k++) {
                sum += normal.sample();
            }
        }
        return sum;
    }

    /** A hand-written Euler–Maruyama loop for this one SDE: the floor a general engine competes with. */
    double plainLoop() {
        double dt = 1.0 / steps;
        double sqrtDt = Math.sqrt(dt);
        double sum = 0;
        for (long p = 0; p < paths; p++) {
            ContinuousSampler normal = RandomStreams.gaussian(seed, p);
            double x = 1.0;
            for (int k = 0; k < steps; k++) {
                x += MU * x * dt + SIGMA * x * sqrtDt * normal.sample();
            }
            sum += x;
        }
        return sum / paths;
    }

    /**
     * The same hand-written loop over blocks of 256 paths, step by step across the block: the
     * independent paths overlap in the processor, which a single path's dependency chain cannot.
     */
    double plainBlockLoop() {
        double dt = 1.0 / steps;
        double sqrtDt = Math.sqrt(dt);
        int block = 256;
        ContinuousSampler[] normals = new ContinuousSampler[block];
        double[] x = new double[block];
        double sum = 0;
        for (long first = 0; first < paths; first += block) {
            int count = (int) Math.min(block, paths - first);
            for (int i = 0; i < count; i++) {
                normals[i] = RandomStreams.gaussian(seed, first + i);
                x[i] = 1.0;
            }
            for (int k = 0; k < steps; k++) {
                for (int i = 0; i < count; i++) {
                    x[i] += MU * x[i] * dt + SIGMA * x[i] * sqrtDt * normals[i].sample();
                }
            }
            for (int i = 0; i < count; i++) {
                sum += x[i];
            }
        }
        return sum / paths;
    }

    /** The vectorised Box–Muller stream alone: P × N draws, a stream per block of 256 paths, as the block engine draws them. */
    double boxMullerDraws() {
        int block = Ensemble.CHUNK;
        double[] z = new double[block];
        BoxMullerStream stream = BoxMullerStream.of(seed, 0);
        double sum = 0;
        for (long first = 0, chunk = 0; first < paths; first += block, chunk++) {
            stream.reset(seed, chunk);
            for (int k = 0; k < steps; k++) {
                stream.nextGaussians(z, 0, block);
                sum += z[k & (block - 1)];
            }
        }
        return sum;
    }

    /** The public API: {@link Ensemble} with {@link EulerMaruyama} on the GBM defined with lambdas (block engine). */
    double engine(int threads) {
        return Ensemble.of(problem(), EulerMaruyama.INSTANCE).steps(steps).paths(paths).seed(seed).threads(threads)
                .run().mean()[0];
    }

    /** The same with the batched drift and diffusion ({@link Sde#withBlockForms}). */
    double engineBlockForms(int threads) {
        return Ensemble.of(blockProblem(), EulerMaruyama.INSTANCE).steps(steps).paths(paths).seed(seed)
                .threads(threads).run().mean()[0];
    }

    /** The path engine (per-path Ziggurat streams): the reference the block engine is compared with. */
    double pathEngine(int threads) {
        return Ensemble.of(problem(), EulerMaruyama.INSTANCE).steps(steps).paths(paths).seed(seed).threads(threads)
                .perPathStreams().run().mean()[0];
    }

    static SdeProblem problem() {
        Sde gbm = Sde.scalar((t, x) -> MU * x, (t, x) -> SIGMA * x);
        return SdeProblem.of(gbm, 1.0, 0.0, 1.0);
    }

    static SdeProblem blockProblem() {
        Sde gbm = Sde.scalar((t, x) -> MU * x, (t, x) -> SIGMA * x).withBlockForms(
                (t, x, out, n, stride) -> {
                    for (int p = 0; p < n; p++) {
                        out[p] = MU * x[p];
                    }
                },
                (t, x, out, n, stride) -> {
                    for (int p = 0; p < n; p++) {
                        out[p] = SIGMA * x[p];
                    }
                }, null);
        return SdeProblem.of(gbm, 1.0, 0.0, 1.0);
    }
}
