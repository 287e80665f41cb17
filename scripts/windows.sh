#!/usr/bin/env bash
# Builds hoso.exe for 64-bit Windows and writes dist/hoso-<version>-windows-x64.zip: hoso.exe,
# HUONG-DAN.txt (the officer's guide) and the example dossier vi-du/. One command on a fresh Debian
# machine with rustup: installs what is missing (the x86_64-pc-windows-gnu target, Debian's MinGW-w64
# gcc as the linker), cross-compiles the release profile into the same target/ folder as the Linux
# build (target/x86_64-pc-windows-gnu/release/hoso.exe), then zips deterministically: the same commit
# and the same hoso.exe give the same zip bytes. Prints the zip's path and SHA-256.
set -euo pipefail
cd "$(dirname "$0")/.."

TARGET=x86_64-pc-windows-gnu
LINKER=x86_64-w64-mingw32-gcc

if ! command -v "$LINKER" >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq gcc-mingw-w64-x86-64 >/dev/null
  else
    echo "Thiếu $LINKER: cài gói Debian gcc-mingw-w64-x86-64 (sudo apt-get install gcc-mingw-w64-x86-64)" >&2
    exit 2
  fi
fi
if ! rustup target list --installed | grep -qx "$TARGET"; then
  rustup target add "$TARGET"
fi

# The linker comes from .cargo/config.toml; the environment may override it.
cargo build --release --target "$TARGET"
# Without its symbol table hoso.exe is a quarter smaller; strip's time stamp is zeroed after it.
EXE="target/windows-dist/hoso.exe"
mkdir -p target/windows-dist
x86_64-w64-mingw32-strip -o "$EXE" "target/$TARGET/release/hoso.exe"
python3 scripts/windows/pe_zero_time.py "$EXE"

VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
EPOCH="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}"
mkdir -p dist
ZIP="dist/hoso-$VERSION-windows-x64.zip"
python3 scripts/windows/dist_zip.py "$ZIP" "$EXE" scripts/windows/HUONG-DAN.txt \
  evidence-layout/vi-du "$EPOCH"
sha256sum "$ZIP"
