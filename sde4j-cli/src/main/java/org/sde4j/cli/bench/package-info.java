/**
 * The {@code sde4j bench} command ({@link org.sde4j.cli.bench.BenchCommand}) and its workloads: Gaussian
 * generators, Euler–Maruyama on the block and path engines, every registered scheme on geometric Brownian
 * motion, and the Brownian path generators. The suite rewrites the marked table of {@code docs/benchmarks.md}.
 * Timings are wall-clock medians over repeats; they are never asserted in tests. The work–precision studies
 * ({@code --work-precision}: {@link org.sde4j.cli.bench.TransientWork}, {@link org.sde4j.cli.bench.HeatWork}, public
 * so that the scripts in {@code bench/} measure with the same code) use thread CPU time, best of a few runs.
 */
package org.sde4j.cli.bench;
