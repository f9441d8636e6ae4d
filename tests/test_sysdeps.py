"""The Debian packages the build really uses are all installed by scripts/sysdeps.sh.

Derived from a real build, not from a list: the files xelatex opened (its recorder file book.fls),
the fonts the PDF embeds (pdffonts, resolved to files by fontconfig) and the programs the build and
the tests call, each mapped to its package with ``dpkg -S``. A package counts as covered when
sysdeps.sh names it or it is a hard dependency (Depends/Pre-Depends, not Recommends) of one it names,
followed transitively. A machine that happened to have a package already would otherwise hide it.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from functools import lru_cache
from pathlib import Path

import pytest

from conftest import ROOT, in_ci

FLS = ROOT / "_build" / "latex" / "book.fls"
PDF = ROOT / "_build" / "pdf" / "book.pdf"
SYSDEPS = ROOT / "scripts" / "sysdeps.sh"
PROGRAMS = ["xelatex", "latexmk", "dot", "pdftotext", "pdffonts", "pdftoppm", "fc-list", "chromium", "npm"]


def built_or_skip() -> None:
    if shutil.which("dpkg") is None:
        pytest.skip("not a Debian machine")
    if not (FLS.exists() and PDF.exists()):
        if in_ci():
            pytest.fail("the PDF build's recorder file and PDF are missing: run make book first")
        pytest.skip("run make book first (needs _build/latex/book.fls and _build/pdf/book.pdf)")


def named_by_sysdeps() -> set[str]:
    out = subprocess.run(["bash", str(SYSDEPS), "list"], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def files_xelatex_opened() -> set[Path]:
    files = set()
    for line in FLS.read_text(encoding="utf-8", errors="replace").splitlines():
        kind, _, name = line.partition(" ")
        if kind == "INPUT" and name.startswith("/"):
            files.add(Path(name))
    return files


def embedded_font_files() -> set[Path]:
    """Each font embedded in the PDF as a file: found by fontconfig from its PostScript name, or,
    for a font XeTeX loaded by file name through kpathsea, among the font files book.fls lists."""
    listing = subprocess.run(["pdffonts", str(PDF)], capture_output=True, text=True, check=True).stdout
    opened_fonts = [f for f in files_xelatex_opened() if f.suffix.lower() in (".otf", ".ttf", ".ttc", ".pfb")]
    files = set()
    for line in listing.splitlines()[2:]:
        # ABCDEF+TeXGyreHeros-Bold-Identity-H -> TeXGyreHeros-Bold
        name = re.sub(r"-Identity-[HV]$", "", line.split()[0].split("+", 1)[-1])
        found = subprocess.run(["fc-list", f":postscriptname={name}", "file"], capture_output=True,
                               text=True).stdout.split(":")[0].strip()
        if not found:
            squeezed = re.sub(r"[^a-z0-9]", "", name.lower())
            found = next((str(f) for f in opened_fonts
                          if squeezed.startswith(re.sub(r"[^a-z0-9]", "", f.stem.lower()))), "")
        assert found, f"no file found for the embedded font {name} (fontconfig nor book.fls)"
        files.add(Path(found))
    return files


def program_files() -> set[Path]:
    """Each program as called (a Debian alternative's symlink belongs to the package that names it)."""
    files = set()
    for program in PROGRAMS:
        path = shutil.which(program)
        assert path, f"{program} is not installed: sysdeps.sh must install it"
        files.add(Path(path))
    return files


def owners(paths: set[Path]) -> dict[Path, str]:
    """The package owning each path, by one ``dpkg -S`` over all of them (a path and, failing that,
    its resolved target). Generated files such as TeX formats and ls-R belong to no package."""
    wanted = {str(p): p for p in paths} | {str(p.resolve()): p for p in paths}
    result = subprocess.run(["dpkg", "-S", *sorted(wanted)], capture_output=True, text=True)
    found: dict[Path, str] = {}
    for line in result.stdout.splitlines():
        packages, _, name = line.partition(": ")
        if name in wanted and "diversion" not in packages:
            found.setdefault(wanted[name], packages.split(",")[0].split(":")[0].strip())
    return found


@lru_cache(maxsize=1)
def installed_dependencies() -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """For every installed package, the first alternative of each hard dependency (what apt installs
    on a machine that has none of them), and which installed packages provide each virtual name."""
    out = subprocess.run(["dpkg-query", "-W", "-f", "${Package}\t${Depends}, ${Pre-Depends}\t${Provides}\n"],
                         capture_output=True, text=True, check=True).stdout
    depends, providers = {}, {}
    for line in out.splitlines():
        package, hard, provides = (line.split("\t") + ["", ""])[:3]
        firsts = [group.split("|")[0].split("(")[0].split(":")[0].strip() for group in hard.split(",")]
        depends[package] = [name for name in firsts if name]
        for provided in re.findall(r"([a-z0-9][a-z0-9+.-]+)", re.sub(r"\([^)]*\)", "", provides)):
            providers.setdefault(provided, set()).add(package)
    return depends, providers


def covered_by(named: set[str]) -> set[str]:
    """``named`` and, transitively, the installed packages they hard-depend on."""
    depends, providers = installed_dependencies()
    covered, todo = set(), list(named)
    while todo:
        package = todo.pop()
        if package in covered:
            continue
        covered.add(package)
        for name in depends.get(package, ()):
            todo += [name] if name in depends else sorted(providers.get(name, ()))
    return covered


def uncovered(named: set[str]) -> dict[str, Path]:
    """Packages the build uses that ``named`` does not cover, each with one file that needs it."""
    covered = covered_by(named)
    missing = {}
    for path, package in sorted(owners(files_xelatex_opened() | embedded_font_files() | program_files()).items()):
        if package not in covered:
            missing.setdefault(package, path)
    return missing


def test_sysdeps_installs_every_package_the_build_uses():
    built_or_skip()
    missing = uncovered(named_by_sysdeps())
    assert not missing, "scripts/sysdeps.sh does not install: " + "; ".join(
        f"{package} (needed for {path})" for package, path in missing.items())


@pytest.mark.parametrize("dropped", ["fonts-texgyre", "texlive-fonts-recommended", "fonts-noto-cjk", "graphviz"])
def test_dropping_a_package_from_sysdeps_is_caught(dropped):
    built_or_skip()
    missing = uncovered(named_by_sysdeps() - {dropped})
    assert dropped in missing, f"dropping {dropped} went unnoticed"


def test_sysdeps_does_nothing_when_everything_is_present():
    built_or_skip()
    result = subprocess.run(["bash", str(SYSDEPS), "browser"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "Installing" not in result.stdout, result.stdout + result.stderr
