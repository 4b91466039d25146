/**
 * The numerical tools behind the models' reference values: complex arithmetic, adaptive Gauss–Kronrod quadrature
 * with an error estimate, the normal and gamma special functions, samplers for the Gamma, Poisson and inverse
 * Gaussian laws, Black–Scholes, and call prices by Fourier inversion of a characteristic function.
 */
package org.sde4j.models.math;
