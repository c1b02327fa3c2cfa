"""Every example in the documentation runs and shows what it claims."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

DOCS = Path(__file__).parent.parent / "docs"
PAGES = sorted(p for p in DOCS.rglob("*.md") if "_build" not in p.parts and ">>> " in p.read_text(encoding="utf-8"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_examples_run(page: Path) -> None:
    """The page's >>> examples run in order and give the output shown."""
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
        verbose=False,
    )
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} example(s) failed in {page.name}"


def test_the_tutorial_is_collected() -> None:
    """The collector finds the pages with examples (a guard against a silent empty run)."""
    assert DOCS / "tutorials" / "first-landscape.md" in PAGES


def test_glossary_names_every_public_class() -> None:
    """Every public class (and alias) of integratedcare appears in the glossary."""
    import inspect  # noqa: PLC0415 (only this test needs it)

    import integratedcare as ic  # noqa: PLC0415 (only this test needs it)

    text = (DOCS / "glossary.md").read_text(encoding="utf-8")
    classes = [n for n in ic.__all__ if inspect.isclass(getattr(ic, n))]
    missing = [n for n in classes if f"`{n}`" not in text]
    assert missing == []
