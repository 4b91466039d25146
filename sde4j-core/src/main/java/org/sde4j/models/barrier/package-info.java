/**
 * Barriers and first passage: killed paths of a scalar SDE monitored on a grid, with or without the Brownian-bridge
 * correction (Beaglehole, Dybvig &amp; Zhou 1997; Gobet 2000) — {@link org.sde4j.models.barrier.BarrierStudy} — and
 * the discrete-monitoring bias of a GBM knock-out call measured path by path against the exact bridge in ln S
 * ({@link org.sde4j.models.barrier.MonitoringBias}), which resolves the O(√h) and O(h) orders; and the closed forms
 * they are checked against: continuously monitored knock-out calls under geometric Brownian motion
 * (Merton 1973; Reiner &amp; Rubinstein 1991) and the survival probability of Brownian motion with drift
 * ({@link org.sde4j.models.barrier.BarrierFormulas}).
 */
package org.sde4j.models.barrier;
