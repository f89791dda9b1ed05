#!/usr/bin/env python3
"""Writes the small .npy files NpyReaderTest reads, with NumPy itself, so the reader is checked against real output.

Usage (from the repository root): python3 datasets/scripts/make-npy-fixtures.py
Output: datasets/src/test/resources/org/ae4j/datasets/npy/*.npy (committed; tests never run Python).
Every data file holds the values v[i, j] = i + j / 10 (i rows, j columns) in its dtype, except uint8 (10 * i + j).
"""
import os
import numpy as np
from numpy.lib import format as npformat

OUT = os.path.join(os.path.dirname(__file__), "..", "src", "test", "resources", "org", "ae4j", "datasets", "npy")


def grid(rows, cols):
    return np.array([[i + j / 10 for j in range(cols)] for i in range(rows)])


def save(name, array, version=None):
    with open(os.path.join(OUT, name), "wb") as f:
        npformat.write_array(f, array, version=version)


def main():
    os.makedirs(OUT, exist_ok=True)
    save("f4-v1.npy", grid(3, 2).astype("<f4"), (1, 0))
    save("f4-v2.npy", grid(3, 2).astype("<f4"), (2, 0))
    save("f4-v3.npy", grid(3, 2).astype("<f4"), (3, 0))
    save("f8.npy", grid(3, 2).astype("<f8"))
    save("f4-big-endian.npy", grid(3, 2).astype(">f4"))
    save("f8-big-endian.npy", grid(3, 2).astype(">f8"))
    save("u1.npy", np.array([[10 * i + j for j in range(2)] for i in range(3)], dtype="|u1"))
    save("f4-1d.npy", np.array([0.5, 1.5, 2.5, 3.5], dtype="<f4"))
    save("f4-3d.npy", np.arange(12, dtype="<f4").reshape(2, 2, 3))
    save("f4-fortran.npy", np.asfortranarray(grid(3, 2).astype("<f4")))
    save("labels-i8.npy", np.array([3, 1, 4, 1, 5], dtype="<i8"))
    save("labels-u1.npy", np.array([3, 1, 4, 1, 5], dtype="|u1"))
    save("complex.npy", np.zeros((2, 2), dtype="<c16"))
    save("structured.npy", np.zeros(2, dtype=[("x", "<f4"), ("y", "<i4")]))


if __name__ == "__main__":
    main()
