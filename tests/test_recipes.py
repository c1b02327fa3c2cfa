"""Each recipe of docs/recipes.md runs on its own, after the page's opening lines, and shows what it claims."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import matplotlib as mpl
import pytest

mpl.use("Agg")

PAGE = Path(__file__).parent.parent / "docs" / "recipes.md"
_PARTS = re.split(r"^## ", PAGE.read_text(encoding="utf-8"), flags=re.MULTILINE)
SETUP, RECIPES = _PARTS[0], {part.splitlines()[0]: part for part in _PARTS[1:]}


def test_the_page_holds_eleven_recipes() -> None:
    """The page promises eleven tasks, numbered in order."""
    assert [title.split(".")[0] for title in RECIPES] == [str(n) for n in range(1, 12)]


@pytest.mark.slow
@pytest.mark.parametrize("title", list(RECIPES))
def test_recipe_runs(title: str) -> None:
    """The recipe's examples, after the opening lines, give the output shown."""
    text = SETUP + RECIPES[title]
    parser = doctest.DocTestParser()
    test = parser.get_doctest(text, {}, title, str(PAGE), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.attempted > 2
    assert result.failed == 0, f"recipe {title!r} failed"
