/**
 * Residual networks as SDE solvers (Lu et al. 2017, "Beyond finite layer neural networks"): a stage of
 * residual blocks is a time grid, its blocks are learned vector fields, and its forward pass is a scheme of
 * {@code org.sde4j.solver} — {@link org.sde4j.solver.step.BranchStep} for every Runge–Kutta-type architecture,
 * {@link org.sde4j.nn.arch.LinearTwoStep}, {@link org.sde4j.nn.arch.NeumannStep} and
 * {@link org.sde4j.nn.arch.CoupledEulerStep} for the others — run on {@link org.sde4j.nn.TensorSpace} states,
 * with backpropagation through the same steps. {@link org.sde4j.nn.arch.Architectures} builds the networks.
 */
package org.sde4j.nn.arch;
