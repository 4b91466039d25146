/**
 * The problem types of sde4j: a stochastic differential equation
 *
 * <pre>    dX = f(t, X) dt + g(t, X) dW,    X ∈ R^d,  W ∈ R^m</pre>
 *
 * <p>with its {@link org.sde4j.sde.NoiseStructure noise structure} and
 * {@link org.sde4j.sde.Calculus calculus} ({@link org.sde4j.sde.Sde}), and a problem: an SDE with an
 * initial state, a time span and its driving noise ({@link org.sde4j.sde.SdeProblem}, {@link
 * org.sde4j.sde.NoiseProcess}: independent or correlated Brownian motion). A declared noise structure is checked
 * on a sample of states when a problem is made ({@link org.sde4j.sde.NoiseStructureCheck}).
 *
 * <p>Nothing here knows about schemes, random numbers or Brownian paths: a problem is solved by the
 * {@code solver} package, never by itself. Hot-path methods write into caller-supplied arrays
 * ("out" parameters) and allocate nothing; their javadoc says which arguments are modified. A
 * {@link org.sde4j.sde.BlockField} is the batched form of a drift or diffusion over a block of paths in
 * structure-of-arrays layout ({@link org.sde4j.sde.Sde#withBlockForms}), for block steppers.
 *
 * <p>Threads: {@link org.sde4j.sde.Sde} and {@link org.sde4j.sde.SdeProblem} are immutable and thread-safe
 * when the user's drift and diffusion functions are (they are called from many worker threads at once, each
 * with its own output arrays).
 */
package org.sde4j.sde;
