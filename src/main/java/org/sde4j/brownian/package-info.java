/**
 * Brownian sources: where a solver gets its increments {@code W(t) − W(s)}.
 *
 * <p>One interface, {@link org.sde4j.brownian.BrownianSource}, queried by interval, so a streaming
 * source, a stored grid path and (later) a bridge-refinable path or virtual Brownian tree are
 * interchangeable. Names are honest: {@link org.sde4j.brownian.StreamingBrownianIncrements} draws each
 * increment once and refuses queries it cannot answer consistently.
 */
package org.sde4j.brownian;
