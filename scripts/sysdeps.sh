#!/usr/bin/env bash
# Debian packages the book needs, each checked the way the build uses it: a font family by the
# fontconfig name that fontspec and matplotlib look up, a LaTeX package by kpsewhich, a program by
# its command. Installs what is missing when run as root and does nothing when all is present;
# not root, it prints the exact apt-get command and fails.
# tests/test_sysdeps.py derives the packages a real build uses and fails on any not covered here.
set -euo pipefail
want="${1:-book}"   # book | browser | list (print every package this script can install)
pkgs=()
need() { [[ " ${pkgs[*]-} " == *" $1 "* ]] || pkgs+=("$1"); }
all=()
cmd()  { all+=("$2"); command -v "$1" >/dev/null 2>&1 || need "$2"; }
font() { all+=("$2"); command -v fc-list >/dev/null 2>&1 && fc-list ":family=$1" family 2>/dev/null | grep -q . || need "$2"; }
tex()  { all+=("$2"); command -v kpsewhich >/dev/null 2>&1 && kpsewhich "$1" >/dev/null 2>&1 || need "$2"; }

cmd make make
cmd fc-list fontconfig
cmd xelatex texlive-xetex
cmd latexmk latexmk
tex xeCJK.sty texlive-lang-chinese          # \usepackage{xeCJK}
tex ctexhook.sty texlive-lang-chinese       # xeCJK loads it
tex fncychap.sty texlive-latex-extra        # Sphinx's chapter headings and jupyterbook-latex
tex pzdr.tfm texlive-fonts-recommended    # hyperref's link font under XeTeX (ZapfDingbats metrics)
font "TeX Gyre Pagella" fonts-texgyre       # \setmainfont (OpenType; texlive's tex-gyre is Type 1)
font "TeX Gyre Heros" fonts-texgyre         # \setsansfont, matplotlib's Latin face
font "DejaVu Sans Mono" fonts-dejavu-core   # \setmonofont
font "DejaVu Sans Mono:style=Oblique" fonts-dejavu-extra  # its italic (code in emphasis)
font "DejaVu Sans" fonts-dejavu-core        # matplotlib's Latin face
font "Noto Serif CJK SC" fonts-noto-cjk     # \setCJKmainfont
font "Noto Sans CJK SC" fonts-noto-cjk      # \setCJKsansfont, matplotlib's Chinese face
font "Noto Sans Mono CJK SC" fonts-noto-cjk # \setCJKmonofont
cmd dot graphviz
cmd pdftotext poppler-utils
cmd pdffonts poppler-utils
cmd pdftoppm poppler-utils
cmd node nodejs                             # npm runs on it (some machines bring npm inside nodejs)
cmd npm npm                                 # MathJax from the npm registry
if [ "$want" = browser ] || [ "$want" = list ]; then
  cmd chromium chromium
fi
if [ "$want" = list ]; then
  printf '%s\n' "${all[@]}" | sort -u
  exit 0
fi
if [ ${#pkgs[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages. Run as root:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${pkgs[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${pkgs[*]}"
rm -f "$(dirname "$0")/../_build/.fontcache-ok"  # fonts may be new: matplotlib's cache is rebuilt
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
