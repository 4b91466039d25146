/**
 * Square-root and stochastic-volatility models: exact sampling of the CIR process by its non-central χ² law
 * ({@link org.sde4j.models.stochvol.Cir}), Heston's model and Bates' (Heston with Merton jumps)
 * ({@link org.sde4j.models.stochvol.Heston}) with the full-truncation Euler scheme (Lord, Koekkoek &amp; van Dijk
 * 2010) and Andersen's (2008) Quadratic-Exponential scheme, and their reference call prices by Fourier inversion of
 * the characteristic function in the form of Albrecher, Mayer, Schoutens &amp; Tistaert (2007).
 */
package org.sde4j.models.stochvol;
