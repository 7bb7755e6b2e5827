"""Where the plans shipped with atgt are: inside the wheel, or beside the source checkout."""

from __future__ import annotations

from pathlib import Path

SEED_PLAN = "16-KH-DUSCT.yaml"


def plans_dir() -> Path:
    package = Path(__file__).resolve().parent.parent
    inside = package / "plans"  # a wheel carries them as atgt_cli/plans (pyproject.toml)
    return inside if inside.is_dir() else package.parent / "plans"


def seed_plan() -> Path:
    return plans_dir() / SEED_PLAN
