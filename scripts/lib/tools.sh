# Sourced by scripts/test and scripts/nd30: installs the Debian packages the outside checkers need
# (each only if its probe command is missing; sudo only when not root) and keeps the Python venv
# target/test-venv with tests/requirements.txt (reinstalled only when that file changes). Expects
# the repository root as the working directory.
export DEBIAN_FRONTEND=noninteractive

# probe command : Debian package (every tool the tests call; scripts/nd30 sets a shorter list and
# PROBE_TEST_EXTRAS=0 before calling install_packages)
PROBES=(
  "pdftotext:poppler-utils" "pdffonts:poppler-utils" "pdftoppm:poppler-utils"
  "qpdf:qpdf" "unzip:unzip" "sha256sum:coreutils" "unshare:util-linux"
  "soffice:libreoffice-writer-nogui" "xmllint:libxml2-utils"
  "chromium:chromium" "chromedriver:chromium-driver"
  "x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64"
  "python3:python3"
)

missing_packages() {
  local seen="" p tool pkg
  for p in "${PROBES[@]}"; do
    tool="${p%%:*}" pkg="${p#*:}"
    if ! command -v "$tool" >/dev/null 2>&1; then
      case " $seen " in *" $pkg "*) ;; *) seen="$seen $pkg" ;; esac
    fi
  done
  # wine64, the 64-bit loader the Windows smoke test runs (Debian 12's package puts it in
  # /usr/lib/wine/ and no `wine` command on PATH: probing `wine` asked for it on every run).
  if [ "${PROBE_TEST_EXTRAS:-1}" = 1 ] && ! command -v wine64 >/dev/null 2>&1 \
    && [ ! -x /usr/lib/wine/wine64 ]; then
    case " $seen " in *" wine64 "*) ;; *) seen="$seen wine64" ;; esac
  fi
  # LibreOffice prints the DOCX's Times New Roman with Liberation Serif (tests/fidelity.rs).
  if [ "${PROBE_TEST_EXTRAS:-1}" = 1 ] \
    && ! { command -v fc-list >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi "Liberation Serif"; }; then
    seen="$seen fonts-liberation2"
  fi
  if command -v python3 >/dev/null 2>&1 && ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
    seen="$seen python3-venv"
  fi
  echo "$seen"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    return 1
  fi
}

install_packages() {
  local pkgs
  pkgs=$(missing_packages)
  [ -z "$pkgs" ] && return 0
  echo "scripts/test: cài các gói còn thiếu:$pkgs"
  if command -v apt-get >/dev/null 2>&1; then
    # shellcheck disable=SC2086
    as_root apt-get update -qq >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    as_root apt-get install -y -qq --no-install-recommends $pkgs >/dev/null 2>&1 || true
  fi
  local left p
  left=$(missing_packages)
  for p in $left; do
    echo "cần cài $p: apt-get install $p"
  done
}

VENV="$PWD/target/test-venv"
REQ="$PWD/tests/requirements.txt"

setup_venv() {
  if ! command -v python3 >/dev/null 2>&1; then
    echo "cần cài python3: apt-get install python3 python3-venv"
    return 0
  fi
  # Without venv/ensurepip the line "cần cài python3-venv" was printed above.
  python3 -c 'import venv, ensurepip' >/dev/null 2>&1 || return 0
  local want have=""
  want=$(sha256sum "$REQ" | cut -d' ' -f1)
  if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c '' >/dev/null 2>&1; then
    rm -rf "$VENV"
    mkdir -p "$(dirname "$VENV")"
    if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
      echo "cần cài python3-venv: apt-get install python3-venv"
      rm -rf "$VENV"
      return 0
    fi
  fi
  [ -f "$VENV/.requirements.sha256" ] && have=$(cat "$VENV/.requirements.sha256")
  if [ "$have" != "$want" ]; then
    echo "scripts/test: cài các gói Python của tests/requirements.txt vào target/test-venv"
    if "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$REQ"; then
      echo "$want" >"$VENV/.requirements.sha256"
    else
      echo "cần cài các gói Python: $VENV/bin/python -m pip install -r tests/requirements.txt"
    fi
  fi
}

