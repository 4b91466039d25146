/**
 * SGD as a stochastic differential equation: mini-batch SGD on a least-squares problem whose iterates have
 * exactly computable moments ({@link org.sde4j.nn.sgd.LeastSquaresSgd}), and its stochastic modified
 * equations of order 1 and 2 (Li, Tai &amp; E 2017), as an {@link org.sde4j.sde.Sde} for sde4j's weak schemes
 * and with exact moments of their own ({@link org.sde4j.nn.sgd.ModifiedEquation}).
 */
package org.sde4j.nn.sgd;
