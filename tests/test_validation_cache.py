"""The Frictionless pass of load() is remembered for exactly the bytes it passed, and for nothing else."""
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT
from industrybook.data.database import DataError, load

PROBE = ("import sys; from industrybook.data.database import load; load(sources_dir=None); "
         "print('frictionless' in sys.modules)")


@pytest.fixture
def checkout(tmp_path):
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copy(ROOT / "_toc.yml", tmp_path / "_toc.yml")
    return tmp_path


def frictionless_ran(root) -> bool:
    out = subprocess.run([sys.executable, "-c", PROBE], cwd=root, capture_output=True, text=True,
                         env={"BOOK_ROOT": str(root), "PATH": "/usr/bin:/bin"}, check=True)
    return out.stdout.split()[-1] == "True"


def test_second_load_of_unchanged_data_skips_frictionless(checkout):
    assert frictionless_ran(checkout), "the first load must run Frictionless"
    assert list((checkout / "_build" / ".frictionless-passed").iterdir()), "no stamp written"
    assert not frictionless_ran(checkout), "unchanged data was validated again"


def test_changed_bytes_are_validated_again(checkout):
    frictionless_ran(checkout)
    facts = checkout / "data" / "units.csv"
    lines = facts.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    row = lines[1].split(",")
    row[header.index("factor")] = "not-a-number"
    facts.write_text("\n".join([lines[0], ",".join(row), *lines[2:]]) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"units.*factor"):
        load(data_dir=checkout / "data", sources_dir=None)
