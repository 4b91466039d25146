/**
 * Lévy drivers by subordination: Variance Gamma (Madan, Carr &amp; Chang 1998), Brownian motion with drift on a
 * Gamma clock, and Normal Inverse Gaussian (Barndorff-Nielsen 1997), Brownian motion with drift on an inverse-Gaussian
 * clock, with exact increments, characteristic functions, and exponential Lévy price models priced by Fourier
 * inversion ({@link org.sde4j.models.levy.LevyModel}).
 */
package org.sde4j.models.levy;
