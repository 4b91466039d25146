/**
 * Jump diffusions {@code dX = f(t, X) dt + g(t, X) dW + h(t, X⁻, ξ) dN} with a compound Poisson process N of
 * constant intensity, or of state-dependent intensity by thinning (Lewis &amp; Shedler 1979), marks ξ from a
 * {@link org.sde4j.models.jump.MarkLaw} (lognormal for Merton 1976, double exponential for Kou 2002, or the user's),
 * solved by Euler–Maruyama or Milstein on jump-adapted grids (Platen &amp; Bruti-Liberati 2010, ch. 6 and 8): the
 * jump times join the regular grid, so between jumps the schemes keep their strong orders ½ and 1.
 *
 * <p>Randomness: path p's jump times, marks and thinning uniforms come from a counter-based stream keyed by
 * {@code (seed, p, tag)}, its Gaussian increments from another keyed by {@code (seed, p, tag')}; ensembles
 * ({@link org.sde4j.models.jump.JumpEnsemble}) and strong/weak studies ({@link org.sde4j.models.jump.JumpStudy})
 * run on the chunked runner and give the same bits for any thread count. In a study every level of one path shares
 * that path's jumps and Brownian path.
 */
package org.sde4j.models.jump;
