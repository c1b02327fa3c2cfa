"""Sphinx configuration for the integratedcare documentation."""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

# The figures extension draws pictures from the bundled datasets at every build.
sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "integratedcare"
author = "The integratedcare developers"
copyright = "2026, The integratedcare developers"  # noqa: A001 (Sphinx's own setting name)
release = _version("integratedcare")
version = release

extensions = [
    "myst_nb",  # MyST Markdown (it loads myst_parser) and the teaching notebooks, executed at build time
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "integratedcare_figures",
]

source_suffix = {".md": "myst-nb", ".ipynb": "myst-nb", ".rst": "restructuredtext"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The teaching notebooks are stored without outputs; every build runs them (offline: they read only
# the bundled datasets) and shows their outputs, and a cell that raises fails the build.
nb_execution_mode = "force"
nb_execution_timeout = 300
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

html_theme = "furo"
html_title = "integratedcare"
html_static_path = ["_static"]
html_css_files = ["integratedcare.css"]  # long result lines wrap in code boxes instead of being cut

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_class_signature = "separated"
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = True

# The build is nitpicky (-n) and offline: CI reaches no inventories, so intersphinx
# cannot resolve references into the standard library and our dependencies. Those
# references are ignored here by module; references to our own names stay checked.
nitpick_ignore_regex = [
    (r"py:.*", r"(datetime|dt|collections\.abc|typing|typing_extensions|enum|pathlib|os|fractions|decimal)\..*"),
    (r"py:.*", r"(attrs|attr|cattrs|networkx|nx|pint|pd|pandas|rdflib|matplotlib|plt|geopandas|gpd|shapely)\..*"),
    (r"py:class", r"(str|int|float|bool|bytes|object|type|tuple|list|dict|set|frozenset)"),
    (r"py:class", r"(Exception|ExceptionGroup|ValueError|KeyError|TypeError|BaseException)"),
    (r"py:class", r"(None|NoneType|Any|Self|Literal|Iterable|Iterator|Mapping|Sequence|Callable)"),
    (r"py:class", r"(date|Path|PathLike|Quantity|Unit|UnitRegistry|MultiDiGraph|Enum|StrEnum|Fraction|Axes|Figure)"),
    # Type aliases are described in the package docstring, not as classes of their own.
    (r"py:class", r"(DateLike|PeriodLike|Basis|Validator|Measure|Check|Reads)"),
    # A protocol of the queries layer ("anything with an id", such as a Function), described where it is used.
    (r"py:class", r"Identified"),
    # Type variables of generic signatures.
    (r"py:class", r"integratedcare\._[a-z_.]+\.[A-Z][A-Za-z]*"),
    # The type variable of Answers, in its bases (Generic[A]).
    (r"py:obj", r"integratedcare\._queries\._(collection|periods)\.A"),
]
