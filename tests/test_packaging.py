"""A plain `pip install .` elsewhere must find the bundled seed plan: it ships in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED_PLAN


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("atgt-*.whl")
    return found


def test_the_wheel_carries_the_seed_plan_and_the_entry_point(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert "atgt_cli/plans/16-KH-DUSCT.yaml" in names
        assert zf.read("atgt_cli/plans/16-KH-DUSCT.yaml") == SEED_PLAN.read_bytes()
        (entry_points,) = [n for n in names if n.endswith("entry_points.txt")]
        assert "atgt = atgt_cli.cli.main:main" in zf.read(entry_points).decode()


def test_the_installed_package_finds_its_plan(wheel: Path, tmp_path: Path) -> None:
    # Unpacked like site-packages, with no checkout beside it.
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(tmp_path)
    code = "from atgt_cli.plan.bundled import seed_plan; print(seed_plan())"
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert Path(done.stdout.strip()) == tmp_path / "atgt_cli" / "plans" / "16-KH-DUSCT.yaml"
