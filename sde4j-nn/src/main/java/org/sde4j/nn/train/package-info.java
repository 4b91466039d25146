/**
 * Training: the {@link org.sde4j.nn.train.Models model zoo} ({@code mlp}, {@code cnn}, {@code resnet20}),
 * the {@link org.sde4j.nn.train.Trainer training loop} with evaluation and progress reports, and atomic,
 * checksummed {@link org.sde4j.nn.train.Checkpoint checkpoints} from which a run resumes bit-identically.
 */
package org.sde4j.nn.train;
