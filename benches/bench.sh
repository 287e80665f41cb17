#!/usr/bin/env bash
# Speed and memory of hoso, as ratios against reference tools measured in the same run.
#   typesetting: `hoso build` of evidence-layout/vi-du (median of 7) vs a bare in-process typst
#                compile + PDF export of the same generated sources (hoso build --typ);
#   hashing:     `hoso verify` on one 1 GiB file and on 200 × 5 MB files vs `openssl dgst -sha256`
#                and coreutils `sha256sum -c`;
#   memory:      peak RSS of `hoso build` with 1 GiB of evidence (/usr/bin/time -v).
# Usage: benches/bench.sh   (needs openssl, /usr/bin/time; writes only under a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
HOSO="$PWD/target/release/hoso"
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
secs() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

echo "== typesetting (evidence-layout/vi-du)"
for i in 1 2 3 4 5 6 7; do
  rm -rf "$W/out"
  HOSO_TIMINGS=1 "$HOSO" build evidence-layout/vi-du --out "$W/out" --typ 2>&1 >/dev/null | grep timings_ms
done > "$W/t.txt"
for k in check typeset write total; do
  printf '%-8s median %s ms\n' "$k" "$(sed -E "s/.*$k=([0-9.]+).*/\1/" "$W/t.txt" | median)"
done
mkdir -p "$W/typ" && cp "$W"/out/*.typ "$W/typ/"
cargo test --release -q --bin hoso --no-run 2>/dev/null
bare=$(for i in 1 2 3 4 5 6 7; do
  HOSO_BENCH_TYP_DIR="$W/typ" cargo test --release -q --bin hoso bare_typst_compile_and_export -- --ignored --nocapture 2>/dev/null | sed -nE 's/.*once=([0-9.]+).*/\1/p'
done | median)
typeset=$(sed -E 's/.*typeset=([0-9.]+).*/\1/' "$W/t.txt" | median)
echo "bare typst compile+export of the same sources: ${bare} ms"
echo "ratio typeset / bare typst: $(echo "$typeset / $bare" | bc -l | cut -c1-5)  (goal ≤ 1.5; hoso's typeset stage also writes every DOCX, on 2 cores)"

echo "== hashing: one 1 GiB file"
mkdir -p "$W/big/data"
head -c $((1 << 30)) /dev/urandom > "$W/big/payload.bin"
d=$(mktemp -d -p "$W"); mkdir -p "$d/dossier/1.1 x"
cp "$W/big/payload.bin" "$d/dossier/1.1 x/video.bin"
cat > "$d/dossier/hoso.toml" <<'T'
bo_tieu_chi = "lang-son-ntm-huyen"
nam = 2024
cap = "xa"
[don_vi]
tinh = "Lạng Sơn"
huyen = "Cao Lộc"
xa = "Thử"
[van_ban]
so = "1/BC-UBND"
ngay = 2024-11-10
[nguoi_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Người Thử"
T
printf 'Mã,Kết quả\n9.5a,100%%\n9.5b,80%%\n' > "$d/dossier/so-lieu.csv"
mkdir -p "$d/dossier/9.5 x" && mv "$d/dossier/1.1 x/video.bin" "$d/dossier/9.5 x/video.bin"
/usr/bin/time -v "$HOSO" build "$d/dossier" --out "$d/out" 2> "$W/time.txt" >/dev/null || true
echo "peak RSS of hoso build with 1 GiB of evidence: $(awk -F: '/Maximum resident/ {print $2}' "$W/time.txt" | tr -d ' ') kB (goal < 200000)"
zip=$(ls "$d"/out/*.zip)
cat "$W/big/payload.bin" > /dev/null
o=$(for i in 1 2 3; do secs openssl dgst -sha256 "$W/big/payload.bin"; done | median)
h=$(for i in 1 2 3; do secs "$HOSO" verify "$zip"; done | median)
mkdir -p "$W/ex" && (cd "$W/ex" && unzip -q "$zip")
bag=$(ls -d "$W"/ex/*/)
s=$(cd "$bag" && for i in 1 2 3; do secs sha256sum -c manifest-sha256.txt; done | median)
echo "openssl ${o}s  hoso verify ${h}s  sha256sum -c ${s}s"
echo "ratio hoso/openssl speed: $(echo "$o / $h" | bc -l | cut -c1-5) (goal ≥ 0.8); hoso/sha256sum: $(echo "$s / $h" | bc -l | cut -c1-5) (goal ≥ 4)"

echo "== hashing: 200 files of 5 MB (bag directory)"
mkdir -p "$W/many/dossier/9.5 x"
for i in $(seq 1 200); do head -c 5000000 /dev/urandom > "$W/many/dossier/9.5 x/f$i.bin"; done
cp "$d/dossier/hoso.toml" "$d/dossier/so-lieu.csv" "$W/many/dossier/"
"$HOSO" build "$W/many/dossier" --out "$W/many/out" >/dev/null
mkdir -p "$W/many/ex" && (cd "$W/many/ex" && unzip -q "$W"/many/out/*.zip)
mbag=$(ls -d "$W"/many/ex/*/)
o=$(for i in 1 2 3; do secs sh -c "cat '$mbag'/data/minh-chung/*/*.bin | openssl dgst -sha256"; done | median)
h=$(for i in 1 2 3; do secs "$HOSO" verify "$mbag"; done | median)
echo "openssl (one core) ${o}s  hoso verify ${h}s"
echo "ratio hoso/openssl speed: $(echo "$o / $h" | bc -l | cut -c1-5) (goal ≥ 1.5)"
