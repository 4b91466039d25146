/**
 * Quasi-Monte Carlo points and what turns them into Brownian paths: the {@link org.sde4j.qmc.Sobol} sequence with
 * Joe–Kuo direction numbers, its randomisation by a linear matrix scramble and a digital shift
 * ({@link org.sde4j.qmc.ScrambledSobol}), the normal quantile ({@link org.sde4j.qmc.Gaussian}) and the Brownian-bridge
 * construction ({@link org.sde4j.qmc.BrownianBridge}) that gives the first coordinates the path's coarse shape.
 */
package org.sde4j.qmc;
