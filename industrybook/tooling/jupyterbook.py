"""jupyter-book's command line, and the chapters' kernels, started without an import no build uses.

jupyter-book checks ``_config.yml`` with jsonschema, and every chapter imports myst-nb's glue, which
imports nbformat and so jsonschema. On import, jsonschema finds rfc3987-syntax installed (JupyterLab's
jupyter-events brings it in) and compiles its IRI grammars into Earley parsers: seconds of CPU at
the start of every build, a no-change rebuild included, and again in every kernel, for the ``iri``
format check. Nothing here runs it: jsonschema checks formats only when given a format checker, and
neither jupyter-book, nbformat nor the book passes one. Blocking the import makes jsonschema leave
the ``iri`` formats out, as it does where the package is not installed.

    python -m industrybook.tooling.jupyterbook build . -W -n --keep-going   (jupyter-book's arguments)
"""
from __future__ import annotations

import sys

UNUSED_IMPORTS = ("rfc3987_syntax",)
# for a kernel: run at its start, before the notebook's first cell
KERNEL_ARGUMENTS = ("--IPKernelApp.exec_lines=from industrybook.tooling.jupyterbook import block_unused_imports; block_unused_imports()",)


def block_unused_imports() -> None:
    """``import rfc3987_syntax`` (and the like) now raises ImportError in this process."""
    for name in UNUSED_IMPORTS:
        sys.modules.setdefault(name, None)


def main() -> None:
    block_unused_imports()
    from jupyter_book.cli.main import main as jupyter_book

    jupyter_book()


if __name__ == "__main__":
    main()
