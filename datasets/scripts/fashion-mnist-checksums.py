#!/usr/bin/env python3
"""Checks the SHA-256s in Mirror.fashionMnist() against Debian's dataset-fashion-mnist files.

Debian ships the official Fashion-MNIST .gz files with two gzip header fields changed: the original file name
(FNAME) is dropped and the modification time is reset. The compressed data is untouched. Restoring the header the
official files have (FNAME set to the name without .gz, mtime 2017-08-31 as found below) must reproduce the
SHA-256s published for the files on the official mirror (and Zalando's published MD5s); this prints both.

Usage: python3 datasets/scripts/fashion-mnist-checksums.py [/usr/share/datasets/fashion-mnist]
"""
import hashlib
import struct
import sys

PUBLISHED = {  # file: (SHA-256 as in Mirror.java, MD5 from github.com/zalandoresearch/fashion-mnist README)
    "train-images-idx3-ubyte.gz": ("3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
                                   "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
    "train-labels-idx1-ubyte.gz": ("a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
                                   "25c81989df183df01b3e8a0aad5dffbe"),
    "t10k-images-idx3-ubyte.gz": ("346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
                                  "bef4ecab320f06d8554ea6380940ec79"),
    "t10k-labels-idx1-ubyte.gz": ("67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
                                  "bb300cfdad3c16e7a12a480ee83cd310"),
}
# The official files' gzip mtimes (found by search; the train files were compressed 21 s before the test files).
MTIME = {"train": 1504176606, "t10k": 1504176627}


def official(raw, name):
    """The gzip file as on the official mirror: FLG.FNAME set, the original mtime, the name after the header."""
    assert raw[:3] == b"\x1f\x8b\x08" and raw[3] == 0, "expected a plain gzip header without optional fields"
    header = b"\x1f\x8b\x08\x08" + struct.pack("<I", MTIME[name.split("-")[0]]) + raw[8:10]
    return header + name[:-3].encode() + b"\0" + raw[10:]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/datasets/fashion-mnist"
    ok = True
    for name, (sha, md5) in PUBLISHED.items():
        data = official(open(f"{root}/{name}", "rb").read(), name)
        good = hashlib.sha256(data).hexdigest() == sha and hashlib.md5(data).hexdigest() == md5
        ok &= good
        print(f"{name}: {len(data)} bytes, SHA-256 {'matches' if good else 'DIFFERS'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
