#!/usr/bin/env python3
"""sde4j's PyTorch peer: one training epoch of the CIFAR-style ResNet of `bin/sde4j train --arch resnet20`
on Fashion-MNIST, with the same recipe, to compare training images per second side by side.

The network (He et al. 2016, as org.sde4j.nn.train.Models builds it): a 3x3 stem convolution (no bias) with
batch norm + ReLU; per width, BLOCKS residual blocks y = ReLU(S(x) + F(x)) with F = conv3x3-BN-ReLU-conv3x3-BN
(the first block of each later stage has stride 2) and S the identity, or a 1x1 convolution + BN when the shape
changes; global average pooling; a dense classifier. The recipe (org.sde4j.nn.train.TrainConfig.recipe): batch
128, SGD with Nesterov momentum 0.9 and weight decay 5e-4, PyTorch's OneCycleLR peaking at 0.1, inputs
standardised by the training set's mean and deviation, random crop with padding 2 and horizontal flip drawn per
image.

Usage: /usr/bin/python3 bench/peers/torch_resnet20.py [--data DIR] [--widths 8,16,32] [--blocks 3]
                                                      [--epochs 1] [--threads 2] [--limit N]
Needs torch (Debian: apt-get install python3-torch) and the four Fashion-MNIST files (DIR, else
$FASHION_MNIST_DIR, else /usr/share/datasets/fashion-mnist). Prints one line per epoch with images/s over the
training pass alone (evaluation excluded) and the test accuracy.
"""
import argparse
import gzip
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    zero, kind, rank = struct.unpack(">HBB", raw[:4])
    if zero != 0 or kind != 0x08:
        sys.exit(f"{path}: not an IDX file of unsigned bytes")
    dims = struct.unpack(">" + "I" * rank, raw[4:4 + 4 * rank])
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def load(directory, prefix):
    def find(name):
        for candidate in (name + ".gz", name):
            path = os.path.join(directory, candidate)
            if os.path.isfile(path):
                return path
        sys.exit(f"no {name}[.gz] in {directory}: apt-get install dataset-fashion-mnist, or pass --data DIR")
    images = read_idx(find(prefix + "-images-idx3-ubyte")).astype(np.float32) / 255.0
    labels = read_idx(find(prefix + "-labels-idx1-ubyte")).astype(np.int64)
    return torch.from_numpy(images).unsqueeze(1), torch.from_numpy(labels)


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.branch = nn.Sequential(
            nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
            nn.Conv2d(cout, cout, 3, 1, 1, bias=False), nn.BatchNorm2d(cout))
        self.shortcut = nn.Identity() if stride == 1 and cin == cout else nn.Sequential(
            nn.Conv2d(cin, cout, 1, stride, 0, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        return F.relu(self.shortcut(x) + self.branch(x))


def resnet(widths, blocks, classes=10):
    layers = [nn.Conv2d(1, widths[0], 3, 1, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(inplace=True)]
    cin = widths[0]
    for stage, width in enumerate(widths):
        for b in range(blocks):
            layers.append(Block(cin, width, 2 if stage > 0 and b == 0 else 1))
            cin = width
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(cin, classes)]
    return nn.Sequential(*layers)


def augment(batch, pad, generator):
    """Random crop with zero padding `pad` and a horizontal flip, each drawn per image."""
    n, _, h, w = batch.shape
    padded = F.pad(batch, (pad, pad, pad, pad))
    rows = torch.randint(0, 2 * pad + 1, (n, 1), generator=generator) + torch.arange(h).view(1, h)
    cols = torch.randint(0, 2 * pad + 1, (n, 1), generator=generator) + torch.arange(w).view(1, w)
    cropped = padded[torch.arange(n).view(n, 1, 1), 0, rows.view(n, h, 1), cols.view(n, 1, w)].unsqueeze(1)
    flip = torch.rand(n, generator=generator) < 0.5
    cropped[flip] = cropped[flip].flip(3)
    return cropped


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=os.environ.get("FASHION_MNIST_DIR") or "/usr/share/datasets/fashion-mnist")
    parser.add_argument("--widths", default="8,16,32")
    parser.add_argument("--blocks", type=int, default=3)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N images only")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    generator = torch.Generator().manual_seed(args.seed)

    x_train, y_train = load(args.data, "train")
    x_test, y_test = load(args.data, "t10k")
    if args.limit > 0:
        x_train, y_train = x_train[:args.limit], y_train[:args.limit]
    mean, std = x_train.mean(), x_train.std()
    x_train, x_test = (x_train - mean) / std, (x_test - mean) / std

    widths = [int(w) for w in args.widths.split(",")]
    model = resnet(widths, args.blocks)
    parameters = sum(p.numel() for p in model.parameters())
    optimiser = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)
    batches = (len(x_train) + args.batch - 1) // args.batch
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=0.1, total_steps=args.epochs * batches)
    print(f"torch {torch.__version__}, {args.threads} threads; resnet widths {widths} x {args.blocks} blocks, "
          f"{parameters} parameters; {len(x_train)} training images", flush=True)
    for epoch in range(1, args.epochs + 1):
        model.train()
        order = torch.randperm(len(x_train), generator=generator)
        start = time.perf_counter()
        total_loss = 0.0
        for b in range(batches):
            index = order[b * args.batch:(b + 1) * args.batch]
            inputs = augment(x_train[index], 2, generator)
            loss = F.cross_entropy(model(inputs), y_train[index])
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            schedule.step()
            total_loss += loss.item() * len(index)
        seconds = time.perf_counter() - start
        model.eval()
        correct = 0
        with torch.no_grad():
            for b in range(0, len(x_test), 1000):
                correct += (model(x_test[b:b + 1000]).argmax(1) == y_test[b:b + 1000]).sum().item()
        print(f"epoch {epoch}: train loss {total_loss / len(x_train):.4f}  {len(x_train) / seconds:.0f} images/s "
              f"({seconds:.1f} s)  test accuracy {correct / len(x_test):.4f}", flush=True)


if __name__ == "__main__":
    main()
