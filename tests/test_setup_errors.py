"""What the two commands say when the machine is not ready: not root, or not Python 3.11."""
import os
import subprocess

from conftest import ROOT


def test_not_root_prints_the_exact_apt_get_line_and_stops(tmp_path):
    # a machine with nothing installed, as seen by a user who is not root
    (tmp_path / "id").write_text("#!/bin/sh\necho 1000\n")
    (tmp_path / "id").chmod(0o755)
    result = subprocess.run(["/bin/bash", str(ROOT / "scripts" / "sysdeps.sh"), "book"], capture_output=True,
                            text=True, env={"PATH": str(tmp_path)})
    assert result.returncode == 1
    line = next(l for l in result.stderr.splitlines() if "apt-get install" in l).strip()
    assert line.startswith("apt-get update && apt-get install -y --no-install-recommends ")
    for package in ("texlive-xetex", "fonts-texgyre", "texlive-fonts-recommended", "fonts-noto-cjk", "graphviz"):
        assert package in line.split()


def test_another_python_gets_a_clear_message(tmp_path):
    fake = tmp_path / "python3.10"
    fake.write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'Python 3.10.13' && exit 0\nexit 1\n")
    fake.chmod(0o755)
    venv = tmp_path / "venv"
    result = subprocess.run(["make", "-s", f"PY={fake}", f"VENV={venv}", f"{venv}/.installed"], cwd=ROOT,
                            capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""})
    assert result.returncode != 0
    assert "Python 3.11 is needed" in result.stdout + result.stderr
    assert "Python 3.10.13" in result.stdout + result.stderr
    assert not venv.exists()
