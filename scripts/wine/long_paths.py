#!/usr/bin/env python3
"""Checks, from a wine trace (WINEDEBUG=+file), that hoso.exe opened every path longer than MAX_PATH
through the \\\\?\\ prefix. Wine itself accepts long paths without it, so a run under wine alone cannot
show what Windows would refuse; Windows refuses a plain path of 260 characters or more unless the
program says \\\\?\\ (or is long-path aware with the registry switch set). Used by
scripts/windows-smoke.sh (issue 16).

    long_paths.py <trace> <dossier (a Unix path)>

Every call of a Win32 file function in the trace (CreateFileW, FindFirstFileExW, ...) naming a path
of the dossier is classified: a prefixed path is fine; a plain one must be shorter than 260 UTF-16
units. Wine cuts long strings in its trace ("..."): a cut plain path is judged by the shortest path
of the dossier it can be. Exit 1 with each offending call; else prints how many long-path calls were
prefixed (there must be some: the check must not pass vacuously).
"""
import os
import re
import sys

MAX_PATH = 260
CALLS = re.compile(
    r":(CreateFileW|FindFirstFileExW|GetFileAttributesW|GetFileAttributesExW|CreateDirectoryW"
    r"|MoveFileExW|MoveFileWithProgressW|DeleteFileW|RemoveDirectoryW|CopyFileExW|SetFileAttributesW)"
    r' \(?L"((?:[^"\\]|\\.)*)"(\.\.\.)?'
)


def decode(s):
    """Wine's debugstr_w escapes: \\\\, \\", \\n, \\r, \\t, and \\XXXX (4 hex digits)."""
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        n = s[i + 1] if i + 1 < len(s) else ""
        if n in "\\\"":
            out.append(n)
            i += 2
        elif n in "nrt":
            out.append({"n": "\n", "r": "\r", "t": "\t"}[n])
            i += 2
        else:
            out.append(chr(int(s[i + 1 : i + 5], 16)))
            i += 5
    return "".join(out)


def utf16_len(s):
    return len(s.encode("utf-16-le")) // 2


def windows_paths(root):
    win = lambda p: "Z:" + p.replace("/", "\\")
    paths = [win(root)]
    for dirpath, dirnames, filenames in os.walk(root):
        paths.extend(win(os.path.join(dirpath, n)) for n in dirnames + filenames)
    return paths


def main():
    trace, root = sys.argv[1], os.path.abspath(sys.argv[2])
    known = windows_paths(root)
    base = "Z:" + root.replace("/", "\\")
    prefixed_long, plain_ok, bad = 0, 0, []
    with open(trace, encoding="utf-8", errors="replace") as f:
        for line in f:
            m = CALLS.search(line)
            if not m:
                continue
            func, path, cut = m.group(1), decode(m.group(2)), bool(m.group(3))
            prefixed = path.startswith("\\\\?\\") or path.startswith("\\??\\")
            bare = path[4:] if prefixed else path
            if not bare.lower().startswith(base.lower()):
                continue
            if cut:
                lengths = [utf16_len(k) for k in known if k.startswith(bare)]
                length = min(lengths) if lengths else utf16_len(bare)
            else:
                length = utf16_len(bare)
            if prefixed:
                prefixed_long += length >= MAX_PATH
                continue
            if length >= MAX_PATH:
                bad.append(f"{func}: {length} characters without \\\\?\\: {path}{'...' if cut else ''}")
            else:
                plain_ok += 1
    for b in bad:
        print("long path opened without \\\\?\\ —", b)
    if bad:
        return 1
    if prefixed_long == 0:
        print("no call opened a long path of the dossier: the check saw nothing")
        return 1
    print(f"{prefixed_long} calls on long paths used \\\\?\\; {plain_ok} calls on short paths")
    return 0


if __name__ == "__main__":
    sys.exit(main())
