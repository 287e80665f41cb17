#!/usr/bin/env python3
"""Sets the TimeDateStamp of a PE file's COFF header and the optional header's CheckSum (which strip
computes over that stamp) to 0, in place: binutils' strip writes the current time there, and
hoso.exe must be the same bytes for the same commit (scripts/windows.sh). Windows checks PE
checksums of drivers only; MinGW's linker writes 0 too."""
import struct
import sys

path = sys.argv[1]
with open(path, "r+b") as f:
    f.seek(0x3C)
    (pe,) = struct.unpack("<I", f.read(4))
    f.seek(pe)
    if f.read(4) != b"PE\0\0":
        sys.exit(f"{path}: not a PE file")
    f.seek(pe + 8)
    f.write(b"\0\0\0\0")
    f.seek(pe + 24 + 64)
    f.write(b"\0\0\0\0")
