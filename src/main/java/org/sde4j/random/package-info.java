/**
 * Seeded random streams. Every path (or any other independent unit of work) draws from its own
 * stream, derived from a root seed and the unit's index only ({@link org.sde4j.random.RandomStreams}),
 * so results do not depend on threads, batching or the order in which work is done.
 */
package org.sde4j.random;
