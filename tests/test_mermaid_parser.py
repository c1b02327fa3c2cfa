"""The Mermaid export read by the real Mermaid parser: 1,200 generated Unicode labels, none altered or escaping.

The parser is Mermaid itself (with jsdom for the DOM it sanitises labels with), a dev-only npm
dependency pinned in ``tests/mermaid/package-lock.json`` and installed with ``npm ci --ignore-scripts``
on first use. Without ``node`` the test is skipped, saying so, unless ``INTEGRATEDCARE_REQUIRE_NODE``
is set (``nox -s tests`` sets it, so CI runs it): then a missing ``node`` is a failure.
"""

from __future__ import annotations

import html
import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import integratedcare as ic
from integratedcare.io._flat import xml_safe

pytestmark = pytest.mark.slow  # starts node and, the first time, npm

HERE = Path(__file__).parent / "mermaid"
LABELS = 1200
PER_DIAGRAM = 100
HOSTILE = (
    '%%{init: {"theme": "dark"}}%%',
    "%% comment",
    "---\nconfig:\n  theme: dark\n---",
    "style n0 fill:#f00",
    "classDef x fill:#f00",
    "class n0 x",
    "click n0 call alert()",
    'click n0 href "javascript:alert(1)"',
    ":::x",
    "-->",
    "-.->|x|",
    "end",
    "subgraph",
    '"]',
    "])",
    "|",
    "#35;",
    "&amp;",
    "&#35;",
    "<br>",
    "<b>x</b>",
    "<script>alert(1)</script>",
    "`md`",
    "\\n",
    ";",
    "  ",
    "\t",
    "\r",
    "\n",
    "\u202e",
    "\u200b",
    "\u0085",
    "\u2028",
    "\x1b[31m",
    "ﬂ°",
    "¶ß",
    "😀",
    "e\u0301",
)


def _node() -> str:
    """Return the path of node, skipping the test (or failing it, when CI requires node) without it."""
    node = shutil.which("node")
    if node is None:
        if os.environ.get("INTEGRATEDCARE_REQUIRE_NODE"):
            pytest.fail("INTEGRATEDCARE_REQUIRE_NODE is set but node is not on PATH")
        pytest.skip("node is not installed: the real Mermaid parser cannot run (CI requires it)")
    if not (HERE / "node_modules" / "mermaid").is_dir():
        npm = shutil.which("npm")
        assert npm is not None, "node without npm: cannot install the Mermaid parser"
        subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=HERE, check=True)  # noqa: S603
    return node


def labels(count: int = LABELS, seed: int = 24) -> list[str]:
    """Return ``count`` labels: random Unicode (every plane but surrogates) mixed with Mermaid's syntax."""
    rng = random.Random(seed)  # noqa: S311 (test data)
    found: list[str] = []
    while len(found) < count:
        parts: list[str] = []
        for _ in range(rng.randint(1, 6)):
            pick = rng.random()
            if pick < 0.4:
                parts.append(rng.choice(HOSTILE))
            elif pick < 0.7:
                parts.append("".join(chr(rng.randrange(0x20, 0x7F)) for _ in range(rng.randint(1, 8))))
            else:
                point = rng.choice(
                    (rng.randrange(0x80, 0x800), rng.randrange(0x800, 0xD800), rng.randrange(0xE000, 0x110000))
                )
                parts.append(chr(point))
        label = "".join(parts)
        if label.strip():  # the model refuses blank names
            found.append(label)
    return found


def shown(name: str) -> str:
    """Return what a Mermaid label must show for a name: the name, with what no label can hold as U+FFFD.

    XML's forbidden characters (as every XML-based export) and C1 controls (a browser reads their
    codes as Windows-1252 characters) are replaced, visibly.
    """
    return re.sub("[\x80-\x9f]", "\ufffd", xml_safe(name))


def _landscape(names: list[str], start: int) -> ic.Landscape:
    """Return regions named ``names``, each odd one inside the one before, so labels are nodes and subgraph titles."""
    regions = [ic.Region(id=f"r{start + i}", name=name) for i, name in enumerate(names)]
    within = [ic.Within(source=regions[i].id, target=regions[i - 1].id) for i in range(1, len(regions), 2)]
    return ic.LandscapeBuilder(f"labels {start}").add(*regions, *within).build()


def decode(text: str) -> str:
    """Read a label as a browser shows it: Mermaid's placeholders back, HTML references decoded, <br> a newline."""
    text = text.replace("ﬂ°°", "&#").replace("ﬂ°", "&").replace("¶ß", ";")
    return html.unescape(text.replace("<br>", "\n"))


def _parse(texts: list[str]) -> list[dict[str, Any]]:
    """Parse each flowchart with the real Mermaid parser."""
    done = subprocess.run(  # noqa: S603 (node, on a script of this repository)
        [_node(), str(HERE / "parse.mjs")], input=json.dumps(texts), capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def test_every_label_survives_the_real_mermaid_parser() -> None:
    """Over 1,200 labels, every diagram parses, every label reads back unchanged, and none adds syntax."""
    names = labels()
    lands = [_landscape(names[i : i + PER_DIAGRAM], i) for i in range(0, len(names), PER_DIAGRAM)]
    results = _parse([ic.io.to_mermaid(land) for land in lands])
    altered: list[tuple[str, str]] = []
    escaped: list[str] = []
    for land, result in zip(lands, results, strict=True):
        assert "error" not in result, result
        node = {entity.id: f"n{index}" for index, entity in enumerate(land.entities)}
        read = {**result["nodes"], **result["subgraphs"]}
        if (
            set(result["nodes"]) | set(result["subgraphs"]) != set(node.values())
            or result["classes"]
            or result["styles"]
        ):
            escaped.append(land.name)
        if result["clicks"] or result["directives"] != "default" or len(result["edges"]) != 0:
            escaped.append(land.name)
        for entity in land.entities:
            got = decode(read.get(node[entity.id], ""))
            if got != shown(entity.name):
                altered.append((shown(entity.name), got))
    assert len(names) >= 1000
    assert escaped == []
    assert altered == []


def test_the_parser_refuses_what_mermaid_refuses() -> None:
    """The harness can fail: a broken diagram is refused, and a raw label's directive is read as syntax."""
    broken, raw = _parse(['flowchart LR\n    n0["a\n', 'flowchart LR\n    n0["x"]\n    style n0 fill:#f00\n'])
    assert "error" in broken
    assert raw["styles"] == ["fill:#f00"]


def test_labels_holding_mermaid_placeholders_or_c1_controls_read_back() -> None:
    """Mermaid's own placeholders (ﬂ°°, ﬂ°, ¶ß) in a name survive; C1 controls show as U+FFFD, not as "…"."""
    names = ["aﬂ°°35¶ßb", "ﬂ°x¶ß", "x\x85y\x9cz"]
    land = _landscape(names, 0)
    (result,) = _parse([ic.io.to_mermaid(land)])
    read = {**result["nodes"], **result["subgraphs"]}
    assert [decode(read[f"n{i}"]) for i in range(3)] == ["aﬂ°°35¶ßb", "ﬂ°x¶ß", "x\ufffdy\ufffdz"]
