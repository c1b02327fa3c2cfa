"""Automation for integratedcare: ``nox`` runs tests, lint, typecheck and docs.

Every session runs on the interpreter that runs nox itself, so a machine with a single
Python (3.11 or newer) runs them all. Dependencies come from the PEP 735 groups in
``pyproject.toml``; extra arguments after ``--`` pass through to the tool.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nox

nox.needs_version = ">=2024.10.9"
nox.options.default_venv_backend = "uv|venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["tests", "lint", "typecheck", "docs", "build"]
nox.options.error_on_missing_interpreters = False

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


def _group(name: str) -> list[str]:
    """Return the requirements of one PEP 735 dependency group."""
    return list(nox.project.dependency_groups(PYPROJECT, name))


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Run the test suite under branch coverage, failing below the coverage gate.

    A run that picks some of the tests by marker or name (``-m`` or ``-k``, as the fast loop
    ``nox -s tests -- -m "not slow"`` does) measures no coverage: the gate holds for the whole suite.
    """
    session.install(".", *_group("tests"))
    # The Mermaid test parses exports with the real Mermaid parser (npm, tests/mermaid/); here a
    # missing node is a failure, not a skip.
    session.env["INTEGRATEDCARE_REQUIRE_NODE"] = "1"
    some = any(arg.startswith(("-m", "-k")) for arg in session.posargs)
    coverage = [] if some else ["--cov=integratedcare", "--cov-branch", "--cov-report=term-missing:skip-covered"]
    session.run("pytest", *coverage, *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """Check style and common bugs with ruff, and formatting with ruff format."""
    session.install(*_group("lint"))
    session.run("ruff", "check", *session.posargs, ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """Type-check src, tests and this noxfile with mypy --strict."""
    session.install(".", *_group("typing"), "nox")
    session.run("mypy", *session.posargs)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Build the HTML documentation with Sphinx, nitpicky and with warnings as errors."""
    session.install(".", *_group("docs"))
    out = ROOT / "docs" / "_build" / "html"
    session.run("sphinx-build", "-n", "-W", "--keep-going", "-b", "html", "docs", str(out), *session.posargs)


@nox.session(python=PYTHON, default=False)
def bench(session: nox.Session) -> None:
    """Run the benchmarks at England scale and print ratios against baselines (not run by default)."""
    session.install(".[rdf,draw]", "duckdb")  # duckdb: the set-based baseline of the sweep; draw: the maps section
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session(python=PYTHON, default=False)
def fuzz(session: nox.Session) -> None:
    """Fuzz the file loader with mutated valid files, 100,000 inputs unless told otherwise (not run by default)."""
    session.install(".", *_group("tests"))
    session.run("python", "tools/fuzz.py", *session.posargs)


def _readme_example() -> str:
    """Return the README's first Python example (the one ``nox -s build`` runs against the built wheel)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("```python\n") + len("```python\n")
    return text[start : text.index("```", start)]


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """Build the sdist and wheel into dist/, check them, install the wheel afresh and run the README's example.

    ``twine check`` reads the metadata and the long description as an index would; the wheel must
    carry the bundled datasets, the JSON Schema and the boundaries; then the wheel is installed in
    a new virtual environment (no checkout on its path) where the README's Python example and the
    console script run. Run by default, so CI builds and checks what a user would install.
    """
    session.install("build", "twine")
    dist = ROOT / "dist"
    for old in dist.glob("integratedcare-*"):
        old.unlink()
    session.run("python", "-m", "build", "--outdir", str(dist), *session.posargs)
    wheels, sdists = sorted(dist.glob("*.whl")), sorted(dist.glob("*.tar.gz"))
    if len(wheels) != 1 or len(sdists) != 1:
        session.error(f"expected one wheel and one sdist in dist/, found {wheels + sdists}")
    session.run("twine", "check", "--strict", str(wheels[0]), str(sdists[0]))
    session.run(
        "python",
        "-c",
        "import sys, zipfile; names = zipfile.ZipFile(sys.argv[1]).namelist(); "
        "assert any(n.endswith('datasets/data/england.json.gz') for n in names), 'wheel lacks the datasets'; "
        "assert any(n.endswith('.schema.json') for n in names), 'wheel lacks the JSON Schema'; "
        "assert any(n.endswith('_geo/data/icb-2026-04.geojson') for n in names), 'wheel lacks the boundaries'; "
        "print(f'wheel ok: {len(names)} files')",
        str(wheels[0]),
    )
    size = wheels[0].stat().st_size
    session.log(f"{wheels[0].name}: {size:,} bytes; {sdists[0].name}: {sdists[0].stat().st_size:,} bytes")
    fresh = Path(session.create_tmp()) / "fresh"
    session.run("python", "-m", "venv", "--clear", str(fresh))
    bin_dir = fresh / ("Scripts" if sys.platform == "win32" else "bin")
    python = str(bin_dir / "python")
    session.run(python, "-m", "pip", "install", "--quiet", str(wheels[0]), external=True)
    session.run(python, "-I", "-c", _readme_example(), external=True)
    session.run(str(bin_dir / "integratedcare"), "datasets", external=True)
