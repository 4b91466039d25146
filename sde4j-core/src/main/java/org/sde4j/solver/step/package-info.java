/**
 * One step of a stochastic tableau over any vector space, with its backward pass.
 *
 * <p>{@link org.sde4j.solver.step.BranchStep} advances a state in a {@link org.sde4j.solver.step.VectorSpace}
 * ({@code double[]} through {@link org.sde4j.solver.step.ArrayVectorSpace}, network tensors in {@code sde4j-nn}) by
 * one step of any {@code StochasticTableau}, whose drift and diffusion are the branches of a
 * {@link org.sde4j.solver.step.BranchField} ({@link org.sde4j.solver.step.SdeBranchField} for an SDE), and returns the
 * exact vector–Jacobian product of that step: the forward and backward pass of the residual networks. A test checks
 * it against each tableau scheme's own stepper and its gradients against central differences.
 *
 * <p>Uses the contract and the tableaus, not the schemes or the engines. Steps hold scratch buffers: one per thread.
 */
package org.sde4j.solver.step;
