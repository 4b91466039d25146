package org.sde4j.nn.arch;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.sde4j.nn.Param;
import org.sde4j.nn.Tensor;
import org.sde4j.nn.layers.BatchNorm;
import org.sde4j.nn.layers.Conv2d;
import org.sde4j.nn.layers.Dense;
import org.sde4j.nn.layers.GlobalAvgPool;
import org.sde4j.nn.layers.Layer;
import org.sde4j.nn.layers.Sequential;
import org.sde4j.nn.layers.Tanh;
import org.sde4j.random.NoiseModels;
import org.sde4j.random.RandomStreams;
import org.sde4j.solver.scheme.DerivativeFreeMilstein;
import org.sde4j.solver.scheme.EulerMaruyama;
import org.sde4j.solver.scheme.RungeKuttaSchemes;
import org.sde4j.solver.tableau.StochasticTableau;
import org.sde4j.solver.scheme.WeakSchemes;

/**
 * The residual architectures of Lu et al. (2017), each a scheme and a noise law over learned branches, for
 * single-channel square images:
 *
 * <table>
 * <caption>Architectures</caption>
 * <tr><th>name</th><th>step of block n (h = 1)</th><th>scheme</th></tr>
 * <tr><td>resnet</td><td>x + F(x)</td><td>forward Euler</td></tr>
 * <tr><td>polynet</td><td>x + F(x) + F(F(x))</td><td>backward Euler, Neumann series</td></tr>
 * <tr><td>fractalnet</td><td>x + ½F(x) + ½F(x + F(x))</td><td>Heun (RK2)</td></tr>
 * <tr><td>revnet</td><td>y₁ = x₁ + F(x₂), y₂ = x₂ + G(y₁)</td><td>coupled forward Euler</td></tr>
 * <tr><td>lm-resnet</td><td>(1 − k)x_n + k x_{n−1} + (1 + k)F(x_n)</td><td>linear two-step</td></tr>
 * <tr><td>stochastic-depth</td><td>x + η F(x), η ~ Bernoulli(p_l)</td><td>weak Euler–Maruyama</td></tr>
 * <tr><td>lm-stochastic-depth</td><td>lm-resnet with η F</td><td>two-step weak Euler–Maruyama</td></tr>
 * <tr><td>shake-shake</td><td>x + αF₁(x) + (1 − α)F₂(x), α ~ U(0,1) per image</td><td>weak Euler–Maruyama</td></tr>
 * <tr><td>neural-sde</td><td>x + F(x) + σ G(x) ⊙ ξ, ξ ~ N(0, I)</td><td>Euler–Maruyama or Milstein</td></tr>
 * <tr><td>sde-depth</td><td>x + p F(x) + √(p(1 − p)) F(x) ξ, ξ ~ N(0,1) per image</td><td>Euler–Maruyama</td></tr>
 * </table>
 *
 * <p>Layout: a 3×3 stem convolution to {@code widths[0]} channels; per width a stage of {@code blocks}
 * steps (a {@link SolverStage}), stages after the first entered through a transition (batch norm + ReLU,
 * 3×3 convolution of stride 2 to the new width) — a change of shape is not a step; then batch norm +
 * ReLU, global average pooling and a dense classifier. A branch F is pre-activation (He et al. 2016b):
 * BN-ReLU-conv-BN-ReLU-conv; RevNet's F and G act on half the channels; the neural SDE's diffusion branch G
 * is BN-ReLU-conv. Survival probabilities decay linearly over the L blocks of the network,
 * {@code p_l = 1 − (l/L)(1 − p_L)} (Huang et al. 2016). Layer i (in construction order) is initialised from
 * stream {@code (seed, 5·2^40 + i)} and LM-ResNet's k of block l from {@code (seed, 7·2^40 + l)} (so lm-resnet
 * and resnet of one seed share their branches); block noise comes from the seed too (see {@link SolverStage}).
 */
public final class Architectures {
    private static final Function<Options, StochasticTableau> EULER = o -> EulerMaruyama.INSTANCE.tableau();
    private static final Function<Options, StochasticTableau> WEAK_EULER = o -> WeakSchemes.WEAK_EULER.tableau();
    private static final Architecture.BlockFactory PLAIN = (b, w, p, o) -> Architecture.Block.deterministic(b.branch(w));
    private static final Architecture.BlockFactory SURVIVAL = (b, w, p, o) ->
            new Architecture.Block(Architecture.Block.single(b.branch(w), p, 1), BlockNoise.perBatch(NoiseModels.bernoulli(p)));

    /** ResNet: forward Euler. */
    public static final Architecture RESNET = new Architecture("resnet", "x + F(x)", Architecture.Stage.SCHEME, EULER,
            PLAIN, true, false);
    /** PolyNet: backward Euler by a Neumann series. */
    public static final Architecture POLYNET = new Architecture("polynet", "x + F(x) + F(F(x))",
            Architecture.Stage.NEUMANN, EULER, PLAIN, true, false);
    /** FractalNet: Heun (RK2). */
    public static final Architecture FRACTALNET = new Architecture("fractalnet", "x + ½F(x) + ½F(x + F(x))",
            Architecture.Stage.SCHEME, o -> RungeKuttaSchemes.HEUN.tableau(), PLAIN, true, false);
    /** RevNet: coupled forward Euler on channel halves. */
    public static final Architecture REVNET = new Architecture("revnet", "y₁ = x₁ + F(x₂), y₂ = x₂ + G(y₁)",
            Architecture.Stage.REVERSIBLE, EULER, (b, w, p, o) -> new Architecture.Block(new LayerField(
                    List.of(b.branch(w / 2), b.branch(w / 2)), new double[] {1, 1}, new double[] {0, 0}),
                    BlockNoise.none()), true, false);
    /** LM-ResNet: a linear two-step method. */
    public static final Architecture LM_RESNET = new Architecture("lm-resnet", "(1 − k)x_n + k x_{n−1} + (1 + k)F(x_n)",
            Architecture.Stage.SCHEME, EULER, PLAIN, true, true);
    /** Stochastic depth: weak Euler–Maruyama with Bernoulli survival. */
    public static final Architecture STOCHASTIC_DEPTH = new Architecture("stochastic-depth", "x + η F(x), η ~ Bernoulli(p_l)",
            Architecture.Stage.SCHEME, WEAK_EULER, SURVIVAL, false, false);
    /** LM-ResNet with stochastic depth. */
    public static final Architecture LM_STOCHASTIC_DEPTH = new Architecture("lm-stochastic-depth", "lm-resnet with η F",
            Architecture.Stage.SCHEME, WEAK_EULER, SURVIVAL, false, true);
    /** Shake-shake: two branches mixed by α ~ U(0, 1) per image. */
    public static final Architecture SHAKE_SHAKE = new Architecture("shake-shake", "x + αF₁(x) + (1 − α)F₂(x)",
            Architecture.Stage.SCHEME, WEAK_EULER, (b, w, p, o) -> new Architecture.Block(new LayerField(
                    List.of(b.branch(w), b.branch(w)), new double[] {0.5, 0.5}, new double[] {1, -1}),
                    BlockNoise.perSample(NoiseModels.uniform()).redrawnForBackward()), false, false);
    /** A neural SDE: Euler–Maruyama or derivative-free Milstein with a learned diffusion branch. */
    public static final Architecture NEURAL_SDE = new Architecture("neural-sde", "x + F(x) + σ G(x) ⊙ ξ, ξ ~ N(0, I)",
            Architecture.Stage.SCHEME, o -> o.milstein() ? DerivativeFreeMilstein.ITO.tableau()
                    : EulerMaruyama.INSTANCE.tableau(),
            (b, w, p, o) -> new Architecture.Block(new LayerField(List.of(b.branch(w), b.diffusionBranch(w)),
                    new double[] {1, 0}, new double[] {0, o.noiseScale()}),
                    BlockNoise.perElement(NoiseModels.gaussian())), false, false);
    /** SDE depth: the diffusion limit of stochastic depth. */
    public static final Architecture SDE_DEPTH = new Architecture("sde-depth", "x + p F(x) + √(p(1 − p)) F(x) ξ",
            Architecture.Stage.SCHEME, EULER, (b, w, p, o) -> new Architecture.Block(
                    Architecture.Block.single(b.branch(w), p, Math.sqrt(p * (1 - p))),
                    BlockNoise.perSample(NoiseModels.gaussian())), false, false);

    /** The registry, in the order of the table above: what {@code train}, {@code experiment} and the tests read. */
    public static final List<Architecture> ALL = List.of(RESNET, POLYNET, FRACTALNET, REVNET, LM_RESNET,
            STOCHASTIC_DEPTH, LM_STOCHASTIC_DEPTH, SHAKE_SHAKE, NEURAL_SDE, SDE_DEPTH);

    /** The names, in the order of the table above. */
    public static final List<String> NAMES = ALL.stream().map(Architecture::name).toList();
    private static final long INIT = 5L << 40;
    private static final long NOISE = 6L << 40;
    private static final long LM = 7L << 40;

    /**
     * Options beyond the shared ones.
     *
     * @param finalSurvival  p_L of stochastic depth and SDE depth, in (0, 1]
     * @param noiseScale     σ, the diffusion weight of the neural SDE's G
     * @param milstein       whether the neural SDE uses the derivative-free Milstein scheme (else Euler–Maruyama)
     * @param smooth         smooth vector fields: every batch norm + ReLU replaced by tanh (no batch statistics,
     *                       no kinks) — for gradient checks and for the SDE limit of a network
     */
    public record Options(double finalSurvival, double noiseScale, boolean milstein, boolean smooth) {
        /** p_L = 0.5 (Huang et al.), σ = 0.1, Euler–Maruyama, batch norm + ReLU. */
        public static Options defaults() {
            return new Options(0.5, 0.1, false, false);
        }

        /** A copy with another p_L. */
        public Options withFinalSurvival(double p) {
            return new Options(p, noiseScale, milstein, smooth);
        }

        /** A copy with smooth (tanh) fields or not. */
        public Options withSmooth(boolean value) {
            return new Options(finalSurvival, noiseScale, milstein, value);
        }

        /** A copy choosing the neural SDE's scheme. */
        public Options withMilstein(boolean value) {
            return new Options(finalSurvival, noiseScale, value, smooth);
        }
    }

    private Architectures() {
    }

    /**
     * @param name a registry name
     * @return the architecture
     * @throws IllegalArgumentException naming the unknown name and the valid ones
     */
    public static Architecture byName(String name) {
        for (Architecture a : ALL) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("arch = " + name + ": must be one of " + NAMES);
    }

    /**
     * Builds a network.
     *
     * @param arch    one of {@link #NAMES}
     * @param widths  channels per stage, each at least 1 (even for revnet)
     * @param blocks  steps per stage, at least 1 (at least 2 are needed for a two-step method to be one)
     * @param classes the number of classes
     * @param seed    initialisation and noise seed
     */
    public static Sequential build(String arch, int[] widths, int blocks, int classes, long seed, Options options) {
        return build(byName(arch), widths, blocks, classes, seed, options);
    }

    /**
     * Builds a network of any architecture value, registered or not.
     *
     * @param arch    the architecture
     * @param widths  channels per stage, each at least 1 (even for a reversible stage)
     * @param blocks  steps per stage, at least 1
     * @param classes the number of classes
     * @param seed    initialisation and noise seed
     * @param options the options
     * @return the network
     */
    public static Sequential build(Architecture arch, int[] widths, int blocks, int classes, long seed, Options options) {
        boolean halves = arch.stage() == Architecture.Stage.REVERSIBLE;
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks = " + blocks + ": must be at least 1 per stage");
        }
        for (int w : widths) {
            if (w < 1 || (halves && w % 2 != 0)) {
                throw new IllegalArgumentException("widths: " + w + " must be at least 1"
                        + (halves ? " and even (" + arch.name() + " splits the channels in halves)" : ""));
            }
        }
        double pL = options.finalSurvival();
        if (!(pL > 0 && pL <= 1)) {
            throw new IllegalArgumentException("finalSurvival = " + pL + ": must lie in (0, 1]");
        }
        Builder b = new Builder(arch, seed, options, widths.length * blocks);
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2d(b.name("conv"), 1, widths[0], 3, 1, 1, b.rng(), false));
        for (int s = 0; s < widths.length; s++) {
            int w = widths[s];
            if (s > 0) {
                layers.add(b.activation(widths[s - 1]));
                layers.add(new Conv2d(b.name("conv"), widths[s - 1], w, 3, 2, 1, b.rng()));
            }
            layers.add(b.stage(s, w, blocks));
        }
        int last = widths[widths.length - 1];
        layers.add(b.activation(last));
        layers.add(new GlobalAvgPool());
        layers.add(new Dense(b.name("fc"), last, classes, b.rng()));
        return new Sequential(layers);
    }

    /** Builds the stages of one network, handing out initialisation streams in construction order. */
    private static final class Builder implements Architecture.Branches {
        private final Architecture arch;
        private final long seed;
        private final Options options;
        private final int totalBlocks;
        private int next;
        private int block;

        Builder(Architecture arch, long seed, Options options, int totalBlocks) {
            this.arch = arch;
            this.seed = seed;
            this.options = options;
            this.totalBlocks = totalBlocks;
        }

        UniformRandomProvider rng() {
            return RandomStreams.stream(seed, INIT + next++);
        }

        String name(String kind) {
            return kind + next;
        }

        /** Batch norm + ReLU, or tanh for smooth fields. */
        Layer activation(int w) {
            return options.smooth() ? new Tanh() : new BatchNorm(name("bn"), w, true);
        }

        @Override
        public Layer branch(int w) {
            return new Sequential(List.of(
                    activation(w),
                    new Conv2d(name("conv"), w, w, 3, 1, 1, rng()),
                    activation(w),
                    new Conv2d(name("conv"), w, w, 3, 1, 1, rng())));
        }

        @Override
        public Layer diffusionBranch(int w) {
            return new Sequential(List.of(
                    activation(w),
                    new Conv2d(name("conv"), w, w, 3, 1, 1, rng())));
        }

        /** p_l of the next block, l counted from 1 over the whole network. */
        double survival() {
            return 1 - (double) block / totalBlocks * (1 - options.finalSurvival());
        }

        SolverStage stage(int s, int w, int blocks) {
            List<LayerField> fields = new ArrayList<>();
            List<BlockNoise> noise = new ArrayList<>();
            List<Param> k = arch.twoStep() ? new ArrayList<>() : null;
            for (int n = 0; n < blocks; n++) {
                block++;
                Architecture.Block one = arch.blocks().block(this, w, survival(), options);
                fields.add(one.field());
                noise.add(one.noise());
                if (k != null) {
                    Tensor value = Tensor.zeros(1);
                    value.data()[0] = (float) (-0.1 * RandomStreams.stream(seed, LM + block).nextDouble());
                    k.add(Param.of("lm" + block + ".k", value));
                }
            }
            long noiseSeed = seed + NOISE;
            return switch (arch.stage()) {
                case NEUMANN -> new NeumannStage(fields, 2, noiseSeed, s);
                case REVERSIBLE -> new ReversibleStage(fields, noiseSeed, s);
                case SCHEME -> new SchemeStage(arch.tableau().apply(options), fields, noise, k, noiseSeed, s);
            };
        }
    }
}
