"""What importing storyline costs: commands that only read a store start without the
libraries that grouping alone needs."""

from __future__ import annotations

import subprocess
import sys


def test_the_cli_starts_without_datasketch_or_scipy():
    # datasketch imports scipy.integrate: 0.4 s of the 0.8 s every command took to start.
    code = (
        "import sys, storyline, storyline.cli; "
        "print(sorted(m for m in ('datasketch', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_copy_detection_loads_datasketch_when_first_used():
    code = (
        "import sys; from storyline.group.copies import CopyIndex; "
        "index = CopyIndex(); print(len(index.bands), 'datasketch' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.split() == ["8", "True"]
