package org.sde4j.nn.arch;

import java.util.Objects;
import java.util.function.Function;
import org.sde4j.nn.layers.Layer;
import org.sde4j.solver.tableau.StochasticTableau;

/**
 * A residual architecture as a value: its name, the step of one block, how a stage of blocks is solved, the
 * tableau of that step, what one block's branches and noise are, and whether the network is deterministic.
 * {@link Architectures#ALL} is the one registry that {@code train}, {@code experiment} and the tests read; adding
 * an architecture is one constant and one line there.
 *
 * <pre>{@code
 * Architecture midpointNet = new Architecture("midpoint-net", "x + F(x + ½F(x))", Architecture.Stage.SCHEME,
 *         options -> RungeKuttaSchemes.MIDPOINT.tableau(),
 *         (branches, width, survival, options) -> Architecture.Block.deterministic(branches.branch(width)),
 *         true, false);
 * }</pre>
 *
 * @param name          the registry name ({@code --arch NAME})
 * @param step          the step of block n, for tables
 * @param stage         how a stage of blocks is solved
 * @param tableau       the step's tableau, given the options (read for {@link Stage#SCHEME} only)
 * @param blocks        one block's vector field and noise
 * @param deterministic whether the network's output is a function of its input (no noise in any block)
 * @param twoStep       whether a stage is a linear two-step method with a learned k per block (LM-ResNet)
 */
public record Architecture(String name, String step, Stage stage, Function<Architectures.Options, StochasticTableau> tableau,
        BlockFactory blocks, boolean deterministic, boolean twoStep) {

    /** How a stage of blocks is solved. */
    public enum Stage {
        /** By the generic tableau step ({@link SchemeStage}). */
        SCHEME,
        /** Backward Euler by a two-term Neumann series ({@link NeumannStage}). */
        NEUMANN,
        /** Coupled forward Euler on channel halves, algebraically reversible ({@link ReversibleStage}). */
        REVERSIBLE
    }

    /**
     * The branches an architecture may use, built in construction order from the network's seed.
     */
    public interface Branches {
        /**
         * @param width channels
         * @return a pre-activation residual branch: activation, 3×3 conv, activation, 3×3 conv
         */
        Layer branch(int width);

        /**
         * @param width channels
         * @return a diffusion branch: activation, 3×3 conv
         */
        Layer diffusionBranch(int width);
    }

    /** Makes one block. */
    @FunctionalInterface
    public interface BlockFactory {
        /**
         * @param branches the branch builder
         * @param width    channels of the stage
         * @param survival the block's survival probability p_l
         * @param options  the network's options
         * @return the block
         */
        Block block(Branches branches, int width, double survival, Architectures.Options options);
    }

    /**
     * One block: its vector field and its noise.
     *
     * @param field the drift and diffusion branches with their weights
     * @param noise the block's noise law
     */
    public record Block(LayerField field, BlockNoise noise) {
        /** Validates. */
        public Block {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(noise, "noise");
        }

        /**
         * A noiseless block {@code x + F(x)}.
         *
         * @param branch F
         * @return the block
         */
        public static Block deterministic(Layer branch) {
            return new Block(single(branch, 1, 0), BlockNoise.none());
        }

        /**
         * One branch with drift weight {@code drift} and diffusion weight {@code diffusion}.
         *
         * @param branch    F
         * @param drift     the drift weight
         * @param diffusion the diffusion weight
         * @return the field
         */
        public static LayerField single(Layer branch, double drift, double diffusion) {
            return new LayerField(java.util.List.of(branch), new double[] {drift}, new double[] {diffusion});
        }
    }

    /**
     * @throws NullPointerException     when a component is null
     * @throws IllegalArgumentException when the name is blank
     */
    public Architecture {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name = '" + name + "': an architecture needs a non-blank name");
        }
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(tableau, "tableau");
        Objects.requireNonNull(blocks, "blocks");
    }

    @Override
    public String toString() {
        return name;
    }
}
