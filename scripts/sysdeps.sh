#!/usr/bin/env bash
# Debian packages the book needs: TeX with xeCJK (ctexhook lives in texlive-lang-chinese), Noto CJK
# fonts, graphviz, poppler (pdffonts/pdftotext/pdftoppm) and, for the browser tests, chromium.
# Installs what is missing when run as root; otherwise prints the exact apt-get command and fails.
set -euo pipefail
want="${1:-book}"   # book | browser
pkgs=()
need() { pkgs+=("$@"); }
command -v xelatex >/dev/null || need texlive-xetex
command -v latexmk >/dev/null || need latexmk
kpsewhich xeCJK.sty >/dev/null 2>&1 && kpsewhich ctexhook.sty >/dev/null 2>&1 || need texlive-lang-chinese
kpsewhich texgyrepagella-regular.otf >/dev/null 2>&1 || need texlive-fonts-recommended
fc-list 2>/dev/null | grep "Noto Sans CJK SC" >/dev/null || need fonts-noto-cjk
fc-list 2>/dev/null | grep "DejaVu Sans Mono" >/dev/null || need fonts-dejavu-core
command -v dot >/dev/null || need graphviz
command -v pdftotext >/dev/null || need poppler-utils
command -v make >/dev/null || need make
command -v npm >/dev/null || need npm
if [ "$want" = browser ]; then
  command -v chromium >/dev/null || need chromium
fi
if [ ${#pkgs[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages. Run as root:" >&2
  echo "  apt-get update && apt-get install -y ${pkgs[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${pkgs[*]}"
rm -f "$(dirname "$0")/../_build/.fontcache-ok"  # fonts may be new: matplotlib's cache is rebuilt
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
