#!/usr/bin/env bash
# Throughput and memory of the higher levels: N generated commune packages (default 600, spread over
# 6 districts), appraised by their districts (hoso build, cap = "huyen"), then verified — both layers —
# and summed up by the Sở (cap = "so": Mẫu 04 + Phụ lục 03 per commune and the province summary).
# Prints communes per second and peak RSS (/usr/bin/time -v) of the district and province builds.
# Usage: benches/levels.sh [N]   (needs /usr/bin/time; writes only under a temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-600}
cargo build --release -q
HOSO="$PWD/target/release/hoso"
W=$(mktemp -d)
[ -n "${KEEP:-}" ] || trap 'rm -rf "$W"' EXIT
[ -z "${KEEP:-}" ] || echo "work folder kept: $W"
DISTRICTS=("Hoằng Hóa" "Nga Sơn" "Quảng Xương" "Thọ Xuân" "Hậu Lộc" "Tĩnh Gia")
D=${#DISTRICTS[@]}

# A complete Thanh Hóa commune dossier (every indicator met, one signed PDF per indicator folder).
T="$W/template"
mkdir -p "$T"
cat > "$T/so-lieu.csv" <<'CSV'
Mã,Kết quả,Chỉ tiêu
1.1,Có,
1.2,100%,
1.3,100%,
1.4,100%,100%
1.5,100%,100%
1.6,45%,≥ 30%
1.7,Có,
1.8,Có,
1.9,Có,
1.10,100%,100%
1.11,Có,
2.1,85%,≥ 80%
2.2,100%,100%
2.3,100%,
2.4,60%,≥ 50%
2.5,60%,≥ 50%
2.6,70%,≥ 60%
3.1,86%,≥ 80%
3.2,78%,≥ 70%
3.3,85%,≥ 80%
3.4,80%,≥ 75%
3.5,92%,≥ 90%
3.6,25%,≥ 20%
3.7,100%,100%
3.8,100%,≥ 80%
3.9,71%,≥ 60%
3.10,40%,≥ 35%
3.11,60%,≥ 55%
3.12,75%,≥ 70%
4.1,100%,100%
4.2,Có,
4.3,100%,
4.4,Có,
4.5,6,
4.6,Có,
4.7,Có,
4.8,Có,
CSV
for code in $(tail -n +2 "$T/so-lieu.csv" | cut -d, -f1); do
  mkdir -p "$T/$code Minh chứng"
  cp tests/fixtures/signed.pdf "$T/$code Minh chứng/tai-lieu.pdf"
done

gen() {
  local i=$1 h
  IFS='|' read -ra ds <<< "$DLIST"
  h=${ds[$((i % ${#ds[@]}))]}
  local dir="$W/xa/$i"
  cp -r "$W/template" "$dir"
  cat > "$dir/hoso.toml" <<TOML
bo_tieu_chi = "thanh-hoa-cds-xa"
nam = 2024
[don_vi]
tinh = "Thanh Hóa"
huyen = "$h"
xa = "Thử $(printf %03d "$i")"
[van_ban]
so = "$i/BC-UBND"
ngay = 2024-11-10
[nguoi_ky]
tham_quyen = "TM. ỦY BAN NHÂN DÂN"
chuc_vu = "CHỦ TỊCH"
ho_ten = "Người Thử"
TOML
  "$HOSO" build "$dir" --out "$W/zips/$i" > /dev/null
  rm -rf "$dir"
}
export -f gen
DLIST=$(IFS='|'; echo "${DISTRICTS[*]}")
export W HOSO DLIST
mkdir -p "$W/xa"
echo "== generating $N commune packages (hoso build, 2 at a time)"
s=$(date +%s.%N)
seq 0 $((N - 1)) | xargs -P 2 -I{} bash -c 'gen {}'
e=$(date +%s.%N)
echo "commune builds: $(echo "$N / ($e - $s)" | bc -l | cut -c1-6) communes/s"

peak() { awk -F: '/Maximum resident/ {gsub(/ /, "", $2); print $2}' "$1"; }
wall() { awk '/Elapsed \(wall clock\)/ {print $NF}' "$1" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }'; }

echo "== district builds (Mẫu 02 + Phụ lục 02 per commune, package with the commune zips)"
mkdir -p "$W/so/ho-so-huyen"
total=0
maxrss=0
for k in $(seq 0 $((D - 1))); do
  h=${DISTRICTS[$k]}
  hd="$W/huyen/$k"
  mkdir -p "$hd/ho-so-xa"
  for i in $(seq "$k" "$D" $((N - 1))); do
    ln "$W"/zips/"$i"/*.zip "$hd/ho-so-xa/"
  done
  cat > "$hd/hoso.toml" <<TOML
bo_tieu_chi = "thanh-hoa-cds-xa"
nam = 2024
cap = "huyen"
[don_vi]
tinh = "Thanh Hóa"
huyen = "$h"
[van_ban]
so = "$k/BC-UBND"
ngay = 2024-11-25
[nguoi_ky]
chuc_vu = "CHỦ TỊCH"
ho_ten = "Người Thử"
TOML
  /usr/bin/time -v "$HOSO" build "$hd" --out "$W/huyen-out/$k" > "$W/h$k.txt" 2> "$W/time-h$k.txt" ||
    { echo "district build $k failed:"; tail -20 "$W/h$k.txt" "$W/time-h$k.txt"; exit 1; }
  total=$(echo "$total + $(wall "$W/time-h$k.txt")" | bc -l)
  r=$(peak "$W/time-h$k.txt")
  [ "$r" -gt "$maxrss" ] && maxrss=$r
  ln "$W"/huyen-out/"$k"/ThamDinh-*.zip "$W/so/ho-so-huyen/"
done
echo "district builds: $(echo "$N / $total" | bc -l | cut -c1-6) communes/s, peak RSS ${maxrss} kB"

cat > "$W/so/hoso.toml" <<'TOML'
bo_tieu_chi = "thanh-hoa-cds-xa"
nam = 2024
cap = "so"
[don_vi]
tinh = "Thanh Hóa"
[van_ban]
so = "1/BC-STTTT"
ngay = 2024-12-05
[nguoi_ky]
chuc_vu = "GIÁM ĐỐC"
ho_ten = "Người Thử"
TOML
echo "== province build ($N communes: verify districts and communes, Mẫu 04 + Phụ lục 03 each, summary)"
code=0
/usr/bin/time -v "$HOSO" build "$W/so" --out "$W/so-out" > "$W/so.txt" 2> "$W/time-so.txt" || code=$?
[ "$code" = 0 ] || { echo "province build exit $code:"; tail -20 "$W/so.txt" "$W/time-so.txt"; }
t=$(wall "$W/time-so.txt")
echo "province build: ${t} s, $(echo "$N / $t" | bc -l | cut -c1-6) communes/s, peak RSS $(peak "$W/time-so.txt") kB"
echo "summary rows: $(python3 -c "
import zipfile,re,sys
z=zipfile.ZipFile(sys.argv[1]); x=z.read('xl/worksheets/sheet1.xml').decode()
print(len(re.findall(r'<row ', x)) - 3)" "$W"/so-out/TongHop-*.xlsx)"
echo "== province summary alone (--chi-tong-hop)"
/usr/bin/time -v "$HOSO" build "$W/so" --out "$W/so-only" --chi-tong-hop > /dev/null 2> "$W/time-only.txt" || true
t=$(wall "$W/time-only.txt")
echo "summary only: ${t} s, $(echo "$N / $t" | bc -l | cut -c1-6) communes/s, peak RSS $(peak "$W/time-only.txt") kB"
