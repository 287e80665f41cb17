#!/usr/bin/env python3
"""Writes the Windows distribution zip deterministically (called by scripts/windows.sh).

    dist_zip.py <out.zip> <hoso.exe> <HUONG-DAN.txt> <example-dossier-dir> <epoch-seconds>

Entries, in this order: hoso.exe, HUONG-DAN.txt (UTF-8 with BOM and CRLF line ends, so every
Notepad shows it right), then vi-du/... sorted by path. Every entry has the same timestamp (the
epoch given: the commit's time), Unix attributes and deflate level 9, so the same inputs give
the same bytes. The zip is written under a temporary name and renamed.
"""
import os
import sys
import time
import zipfile


def entry(name, stamp, mode):
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.create_system = 3
    info.external_attr = (0o100000 | mode) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def guide_bytes(path):
    with open(path, "rb") as f:
        text = f.read().decode("utf-8").lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def example_files(root, prefix):
    found = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            found.append((prefix + rel, full))
    return sorted(found)


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    out, exe, guide, example, epoch = sys.argv[1:]
    stamp = time.gmtime(max(int(epoch), 315532800))[:6]
    tmp = out + ".part"
    with zipfile.ZipFile(tmp, "w") as z:
        with open(exe, "rb") as f:
            z.writestr(entry("hoso.exe", stamp, 0o755), f.read(), compresslevel=9)
        z.writestr(entry("HUONG-DAN.txt", stamp, 0o644), guide_bytes(guide), compresslevel=9)
        for name, full in example_files(example, "vi-du/"):
            with open(full, "rb") as f:
                z.writestr(entry(name, stamp, 0o644), f.read(), compresslevel=9)
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
