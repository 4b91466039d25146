/**
 * Models beyond Brownian-driven SDEs, on the chunked Monte Carlo runner ({@code org.sde4j.montecarlo}): jump
 * diffusions on jump-adapted grids ({@code jump}), square-root and stochastic-volatility models ({@code stochvol}),
 * discretely monitored barriers with the Brownian-bridge correction ({@code barrier}) and Lévy drivers by
 * subordination ({@code levy}), each checked against a closed form or a Fourier price ({@code math}).
 * {@link org.sde4j.models.ModelCatalog} is their part of the problem library: each model built from a specification
 * {@code name[:key=value,…]} (with optional jumps and barrier), with its reference value and its Monte Carlo job.
 *
 * <p>Dependencies: these packages use {@code sde}, {@code random}, {@code montecarlo}, {@code ensemble} (for
 * {@code RunningStatistics}) and {@code error} (for order fits); nothing in the rest of the core uses them, so they
 * sit after the analysis layer: {@code sde ← random ← brownian ← solver ← montecarlo ← ensemble, error, problems ←
 * models}.
 */
package org.sde4j.models;
