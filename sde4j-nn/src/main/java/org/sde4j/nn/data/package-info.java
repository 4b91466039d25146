/**
 * Data for training: the {@link org.sde4j.nn.data.Idx IDX} file format of MNIST and Fashion-MNIST (gzip or
 * raw, fully validated), the {@link org.sde4j.nn.data.FashionMnist Fashion-MNIST} data set in a directory,
 * and {@link org.sde4j.nn.data.Batches mini-batches}: normalisation, seeded shuffling and augmentation
 * (random crop with zero padding, horizontal flip), reproducible by seed.
 */
package org.sde4j.nn.data;
