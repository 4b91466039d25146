/**
 * Optimizers ({@link org.sde4j.nn.optim.Sgd SGD} with momentum, Nesterov and weight decay;
 * {@link org.sde4j.nn.optim.Adam Adam/AdamW}) and learning-rate {@link org.sde4j.nn.optim.Schedule schedules}
 * (step, cosine with linear warm-up, one-cycle). Update rules follow PyTorch's documented semantics so a
 * recipe carries over unchanged.
 */
package org.sde4j.nn.optim;
