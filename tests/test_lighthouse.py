"""Lighthouse over the built book (scripts/lighthouse.py): accessibility, best practices and SEO at 100
on every chapter page, performance reported. It takes a few minutes; it runs in `make test`, skips
without the built book, npm or chromium, and fails instead under CI=true."""
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, in_ci

SCRIPT = ROOT / "scripts" / "lighthouse.py"
HTML = ROOT / "_build" / "html"

pytestmark = pytest.mark.lighthouse


def lighthouse_module():
    spec = importlib.util.spec_from_file_location("lighthouse_script", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def require(html_needed: bool = True) -> None:
    missing = [what for what, present in [
        ("the built book (run `make html`)", (HTML / "index.html").exists() or not html_needed),
        ("npm", shutil.which("npm")), ("chromium", Path(lighthouse_module().CHROME_PATH).exists())] if not present]
    if missing:
        message = "Lighthouse needs " + ", ".join(missing)
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=3600)


def test_every_chapter_page_scores_100(tmp_path):
    require()
    out = tmp_path / "scores.json"
    run = run_script("--json", str(out))
    print(run.stdout)  # the table: shown with pytest -s, and kept in the report of a failure
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads(out.read_text(encoding="utf-8"))
    lh = lighthouse_module()
    assert sorted(results) == sorted(lh.chapter_pages(HTML))
    assert all(r["scores"][c] == 100 for r in results.values() for c in lh.REQUIRED), results
    # performance is reported, not required: a page Lighthouse could not time after three runs
    # (its paint timings go missing on a busy machine) must say why, in Lighthouse's words
    for page, r in results.items():
        assert isinstance(r["scores"]["performance"], int) or r["unscored"].get("performance"), (page, r)


def test_a_page_below_100_fails_the_script(tmp_path):
    """No language, no description, no favicon: the script exits 1 and names the failing audits."""
    require(html_needed=False)
    (tmp_path / "bad.html").write_text("<html><head><title>Bad</title></head><body><p>Text.</p></body></html>",
                                       encoding="utf-8")
    run = run_script("--html", str(tmp_path), "bad.html")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "meta-description" in run.stdout and "html-has-lang" in run.stdout, run.stdout


def test_an_unscored_category_carries_lighthouse_reason():
    """A report whose performance is null names the errored audit's message; a scored one names none."""
    lh = lighthouse_module()
    refs = [{"id": "first-contentful-paint", "weight": 10}, {"id": "diagnostics", "weight": 0}]
    report = {"categories": {c: {"score": 1.0, "auditRefs": []} for c in lh.CATEGORIES},
              "audits": {"first-contentful-paint": {"errorMessage": "NO_FCP"}, "diagnostics": {"errorMessage": "x"}}}
    assert lh.unscored(report) == {}
    report["categories"]["performance"] = {"score": None, "auditRefs": refs}
    assert lh.unscored(report) == {"performance": "NO_FCP"}
    report["runtimeError"] = {"message": "The page did not paint any content."}
    assert lh.unscored(report) == {"performance": "The page did not paint any content."}
