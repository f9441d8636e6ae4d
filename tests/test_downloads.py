"""Each chapter page's download button offers the chapter's notebook, and the file is there."""
import pytest

from conftest import ROOT, in_ci

HTML = ROOT / "_build" / "html"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_download_button_offers_the_notebook(notebook):
    page = HTML / "chapters" / f"{notebook.stem}.html"
    if not page.exists():
        if in_ci():
            pytest.fail(f"{page} is missing: run make book first")
        pytest.skip("run make book first")
    link = f'href="../_sources/chapters/{notebook.name}"'
    assert link in page.read_text(encoding="utf-8"), f"{page.name} has no download link to {notebook.name}"
    offered = HTML / "_sources" / "chapters" / notebook.name
    assert offered.read_bytes() == notebook.read_bytes()
