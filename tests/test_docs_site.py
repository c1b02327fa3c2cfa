"""The documentation site as a newcomer meets it: a first page that shows, code that is not cut, build steps."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"


def test_the_index_opens_with_code_and_a_picture() -> None:
    """Before the first table of contents, the index shows one example with its answer and one figure."""
    text = (DOCS / "index.md").read_text(encoding="utf-8")
    top = text[: text.index("```{toctree}")]
    assert top.count("```python") == 1
    assert ">>> ic.who_must_have_regard_to(" in top or "ic.who_must_have_regard_to(" in top
    assert "```{integratedcare-figure}" in top
    assert "recipes" in text[text.index("```{toctree}") :]


def test_long_result_lines_wrap_in_code_boxes() -> None:
    """The site's stylesheet wraps code boxes, and conf.py loads it."""
    css = (DOCS / "_static" / "integratedcare.css").read_text(encoding="utf-8")
    assert re.search(r"\.highlight pre \{[^}]*white-space: pre-wrap", css)
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert 'html_css_files = ["integratedcare.css"]' in conf
    assert 'html_static_path = ["_static"]' in conf


def test_the_readme_says_how_to_build_the_docs_and_where_they_go() -> None:
    """The README names the command and the output folder."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "nox -s docs" in readme
    assert "docs/_build/html" in readme
    assert "nox -s build" in readme


def test_installation_names_every_runtime_dependency() -> None:
    """docs/installation.md lists each dependency of pyproject.toml (tomli-w was missing)."""
    page = (DOCS / "installation.md").read_text(encoding="utf-8")
    with (ROOT / "pyproject.toml").open("rb") as handle:
        dependencies = tomllib.load(handle)["project"]["dependencies"]
    for requirement in dependencies:
        name = re.split(r"[<>=!~\[ ]", requirement)[0]
        assert name in page, name


def test_the_notebooks_are_executed_and_shown_in_the_docs() -> None:
    """The docs build runs the teaching notebooks (myst-nb, forced) and lists them, not only as downloads."""
    conf = (DOCS / "conf.py").read_text(encoding="utf-8")
    assert '"myst_nb"' in conf
    assert 'nb_execution_mode = "force"' in conf
    assert "nb_execution_raise_on_error = True" in conf
    index = (DOCS / "notebooks" / "index.md").read_text(encoding="utf-8")
    toctree = index[index.index("```{toctree}") :]
    assert all(notebook.stem in toctree for notebook in (DOCS / "notebooks").glob("*.ipynb"))
    with (ROOT / "pyproject.toml").open("rb") as handle:
        docs_group = tomllib.load(handle)["dependency-groups"]["docs"]
    assert any(requirement.startswith(("myst-nb", "ipykernel")) for requirement in docs_group)
