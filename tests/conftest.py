"""Shared test fixtures: where the shared benchmark data and the seeds are.

The shared data lives beside the repository (``../shared``) and is never copied into it;
tests that need it skip with a clear reason when it is absent (a user's clone has none).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# The demo corpus's invented outlets (Harbor Daily, Northwind Wire, ...) are not in the
# shipped table; tests that use them read the demo's table, as `make run` does. Set before
# any test runs, so every process (and subprocess) of the suite sees the same outlets.
os.environ["STORYLINE_OUTLETS"] = str(REPO / "examples" / "demo-outlets.toml")

# What storyline caches (storyline.clean.language_model) goes to a directory of the suite's
# own, removed when it ends, not to the user's cache.
_CACHE = tempfile.TemporaryDirectory(prefix="storyline-tests-cache-")
os.environ["STORYLINE_CACHE"] = _CACHE.name


def shared_path(*parts: str) -> Path:
    """A path under ``../shared``; the calling test skips when it does not exist."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path} (tests read ../shared beside the repo)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    """``../shared/seeds``, the five founding articles (skips when absent)."""
    return shared_path("seeds")


@pytest.fixture
def fixtures_dir() -> Path:
    """``tests/fixtures``: invented articles written for the tests."""
    return FIXTURES
