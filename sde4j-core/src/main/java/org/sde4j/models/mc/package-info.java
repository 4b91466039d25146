/**
 * One Monte Carlo job for the models: {@link org.sde4j.models.mc.PathAverageJob} averages a vector of values per
 * path (prices, errors at several steps, survival indicators) on the chunked runner, so each model gets threads,
 * shards and Spark with the same bits for any thread count.
 */
package org.sde4j.models.mc;
