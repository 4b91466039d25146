/**
 * Measuring schemes: strong errors against exact solutions on the same Brownian path, at several
 * step sizes, and the fitted order of convergence ({@link org.sde4j.error.StrongErrorStudy},
 * {@link org.sde4j.error.OrderFit}).
 */
package org.sde4j.error;
