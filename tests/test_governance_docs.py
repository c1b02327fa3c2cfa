"""The governance page's examples run (tests/test_docs.py runs every page; this pins that this one has examples)."""

from __future__ import annotations

import doctest
from pathlib import Path

PAGE = Path(__file__).parent.parent / "docs" / "governance.md"


def test_governance_page_examples_run() -> None:
    """Every >>> example of docs/governance.md runs and shows what it claims."""
    result = doctest.testfile(
        str(PAGE),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
        verbose=False,
    )
    assert result.attempted >= 20
    assert result.failed == 0
