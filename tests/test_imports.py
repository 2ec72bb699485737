"""What importing storyline costs: commands that only read a store start without the
libraries that grouping alone needs."""

from __future__ import annotations

import subprocess
import sys


def _printed(code: str) -> str:
    """What ``code`` prints in a fresh interpreter (nothing imported before it)."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()


def test_the_cli_starts_without_datasketch_or_scipy():
    # datasketch imports scipy.integrate: 0.4 s of the 0.8 s every command took to start.
    code = (
        "import sys, storyline, storyline.cli; "
        "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))"
    )
    assert _printed(code) == "[]"


def test_copy_detection_loads_datasketch_when_first_used():
    code = (
        "import sys; from storyline.group.copies import CopyIndex; "
        "index = CopyIndex(); print(len(index.bands), 'datasketch' in sys.modules)"
    )
    assert _printed(code).split() == ["8", "True"]
