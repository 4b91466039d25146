/**
 * The studies behind the experiment commands and notebooks: SGD against its stochastic modified equations
 * ({@link org.sde4j.cli.experiment.SgdSdeStudy}), depth as a step count
 * ({@link org.sde4j.cli.experiment.DepthSteps}), non-Lipschitz residual branches
 * ({@link org.sde4j.cli.experiment.NonLipschitz}), the saved runs of {@code experiment}
 * ({@link org.sde4j.cli.experiment.ExperimentRun}), the neural SDE fit of {@code fit --model neural}
 * ({@link org.sde4j.cli.experiment.NeuralFit}) and Welch's t-test. No command code: they return numbers, tables
 * and charts.
 */
package org.sde4j.cli.experiment;
