"""Where the book's files live. The source articles may be moved with BOOK_SOURCES_DIR."""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# BOOK_DATA_DIR lets a test point notebooks at a copy of the data
DATA_DIR = Path(os.environ.get("BOOK_DATA_DIR", ROOT / "data"))
DATAPACKAGE = DATA_DIR / "datapackage.json"


def sources_dir() -> Path:
    """The folder holding the five source articles (default: ../shared/sources beside the project)."""
    return Path(os.environ.get("BOOK_SOURCES_DIR", ROOT.parent / "shared" / "sources"))
