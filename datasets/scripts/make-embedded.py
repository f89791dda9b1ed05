#!/usr/bin/python3
"""Writes the embedded Fashion-MNIST subset bundled with ae4j-datasets.

The first 4000 training and the first 1000 test images and labels of
Fashion-MNIST (Zalando Research, MIT licence), cut from the original IDX
files and written as gzip IDX files in the original format, so that
IdxReader reads them like the full set.

Usage (standard library only; the source is Debian's dataset-fashion-mnist):

    /usr/bin/python3 datasets/scripts/make-embedded.py \
        [--source /usr/share/datasets/fashion-mnist] \
        [--out datasets/src/main/resources/org/ae4j/datasets/embedded]

The output is reproducible: gzip is written with mtime 0 and no file name.
"""

import argparse
import gzip
import os
import struct
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.normpath(
    os.path.join(HERE, "..", "src", "main", "resources", "org", "ae4j", "datasets", "embedded"))

# (file name, expected magic, items to keep)
SUBSETS = [
    ("train-images-idx3-ubyte.gz", 0x00000803, 4000),
    ("train-labels-idx1-ubyte.gz", 0x00000801, 4000),
    ("t10k-images-idx3-ubyte.gz", 0x00000803, 1000),
    ("t10k-labels-idx1-ubyte.gz", 0x00000801, 1000),
]


def cut(src, expected_magic, keep):
    """Returns the IDX bytes of the first `keep` items of the gzip IDX file `src`."""
    with gzip.open(src, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        if magic != expected_magic:
            sys.exit(f"{src}: expected magic 0x{expected_magic:08X}, found 0x{magic:08X}")
        ndim = magic & 0xFF
        dims = list(struct.unpack(">" + "I" * ndim, f.read(4 * ndim)))
        if dims[0] < keep:
            sys.exit(f"{src}: expected at least {keep} items, found {dims[0]}")
        item = 1
        for d in dims[1:]:
            item *= d
        data = f.read(keep * item)  # uint8: one byte per value
        if len(data) != keep * item:
            sys.exit(f"{src}: expected {keep * item} bytes of data, found {len(data)}")
    dims[0] = keep
    return struct.pack(">I", magic) + struct.pack(">" + "I" * ndim, *dims) + data


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--source", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--out", default=DEFAULT_OUT)
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name, magic, keep in SUBSETS:
        payload = cut(os.path.join(args.source, name), magic, keep)
        dest = os.path.join(args.out, name)
        with open(dest, "wb") as raw:
            with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as gz:
                gz.write(payload)
        print(f"{dest}: {keep} items, {os.path.getsize(dest)} bytes")


if __name__ == "__main__":
    main()
