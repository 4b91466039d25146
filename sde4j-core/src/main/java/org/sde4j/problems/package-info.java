/**
 * The library of test SDEs with known solutions ({@link org.sde4j.problems.Problems}): each
 * {@link org.sde4j.problems.TestProblem} declares its noise structure and calculus and, where known, its
 * exact solution on the same Brownian path and its exact mean — what convergence tests measure against.
 */
package org.sde4j.problems;
