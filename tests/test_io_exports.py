"""Exports: GraphML, GEXF, node-link, Mermaid, DOT, RDF and pandas; deterministic, complete and escaped."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd  # imported once here, so the missing-extra test can hide it and put it back
import pytest
import rdflib
import rdflib.compare
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import integratedcare as ic
from integratedcare.io import _diagrams, _rdf, _turtle
from integratedcare.io._flat import xml_safe
from reference_writers import networkx_gexf, networkx_graphml, rdflib_jsonld
from strategies import landscapes

DATA = Path(__file__).parent / "data"
HOSTILE = (
    "Quote \"double\" and 'single'",
    "Brackets [a] (b) {c} <d>",
    "Arrow --> x -.-> y ==> z",
    "Semi; colon: pipe | end",
    "New\nline\nand\ttab",
    "Amp & lt < gt > &amp; &#35;",
    'Back\\slash \\n \\" \\N end\\',
    "Ünïcödé 中文 🏥 café",
    "#hash #quot; %% not a comment",
    "`tick` and *stars*",
)
SUFFIXES = ("graphml", "gexf", "mmd", "dot", "ttl", "jsonld", "toml", "json")
VOCAB = rdflib.Namespace(ic.io.VOCAB)
TRUE = rdflib.Literal("true", datatype=rdflib.XSD.boolean)


def hostile() -> ic.Landscape:
    """Build a landscape whose names hold every character that could break an export, with duties to derive."""
    builder = ic.LandscapeBuilder('Hostile "landscape" --> <&>;')
    builder.add(
        ic.ICB(id="QYG", name=HOSTILE[0]),
        ic.LocalAuthority(id="la", name=HOSTILE[1], tier="unitary"),
        ic.ICP(id="icp", name=HOSTILE[2]),
        ic.IntegratedCareStrategy(id="strategy", name=HOSTILE[3]),
        ic.ICS(id="ics", name=HOSTILE[4]),
        ic.Place(id="place", name=HOSTILE[5]),
        ic.Post(id="chair", name=HOSTILE[6]),
        ic.NHSTrust(id="trust", name=HOSTILE[7], services=["acute"]),
        ic.CCG(id="ccg", name=HOSTILE[8], period=(None, "2022-07-01")),
        ic.Agreement(id="mou", name=HOSTILE[9]),
    )
    builder.add(
        ic.Overlaps(source="la", target="QYG", share=0.25),
        ic.Establishes(source="QYG", target="icp"),
        ic.Prepares(source="icp", target="strategy"),
        ic.Within(source="place", target="ics"),
        ic.Within(source="QYG", target="ics"),
        ic.MemberOf(source="chair", target="QYG", role='chair "x"'),
        ic.Holds(source="la", target="chair"),
        ic.AccountableTo(source="QYG", target="la", mechanism="reports"),
        ic.SucceededBy(source="ccg", target="QYG", period=("2022-07-01", None)),
        ic.Delegation(source="QYG", target="place", functions=["a; b", "c"], budget=ic.quantity("2 million GBP")),
        ic.HoldsToAccount(source="QYG", target="la", basis=ic.Clause(agreement="mou", section="4")),
        ic.Duty(source="trust", target="strategy", duty="must have regard to", notes=["agreed\nlocally"]),
    )
    return builder.build()


# --- graph formats --------------------------------------------------------------------------------


def _check_graph(land: ic.Landscape, graph: nx.Graph[Any], *, name_key: str) -> None:
    """The graph read back holds every entity and relation (and derived duty), names intact."""
    duties = ic.statute.derived_duties(land)
    assert set(graph.nodes) == {e.id for e in land}
    assert graph.number_of_edges() == len(land.all_relations) + len(duties)
    for entity in land:
        assert graph.nodes[entity.id][name_key] == entity.name
        assert graph.nodes[entity.id]["kind"] == entity.kind
    pairs = sorted((u, v, d["kind"]) for u, v, d in graph.edges(data=True))
    expected = sorted((r.source, r.target, r.kind) for r in (*land.all_relations, *duties))
    assert pairs == expected


def test_acceptance_graphml_read_back_keeps_every_node_and_edge() -> None:
    """The GraphML read back by networkx keeps with every node, edge, name and attribute."""
    land = hostile()
    graph = nx.read_graphml(io.BytesIO(ic.io.to_graphml(land).encode()), force_multigraph=True)
    _check_graph(land, graph, name_key="name")
    assert graph.nodes["place"]["name"] == HOSTILE[5]
    delegation = next(d for _, _, d in graph.edges(data=True) if d["kind"] == "delegation")
    assert delegation["budget"] == 2e6
    assert delegation["functions"] == "a; b; c"
    derived = [d for _, _, d in graph.edges(data=True) if d["derived"]]
    assert derived
    assert all(d["basis"].startswith("LGPIHA 2007") or d["basis"].startswith("NHS Act") for d in derived)


def test_acceptance_gexf_read_back_keeps_every_node_and_edge() -> None:
    """The GEXF read back by networkx keeps every node and edge, names as labels and periods as spans."""
    land = hostile()
    text = ic.io.to_gexf(land)
    assert "lastmodifieddate" not in text
    graph = nx.read_gexf(io.BytesIO(text.encode("utf-8")))
    _check_graph(land, graph, name_key="label")
    assert graph.nodes["ccg"]["end"] == "2022-07-01"


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_graph_formats_keep_every_node_and_edge_of_any_landscape(land: ic.Landscape) -> None:
    """Property: GraphML, GEXF and node-link keep every node and edge of generated landscapes."""
    assert ic.io.to_graphml(land) == ic.io.to_graphml(land)  # and each is deterministic
    _check_graph(
        land, nx.read_graphml(io.BytesIO(ic.io.to_graphml(land).encode()), force_multigraph=True), name_key="name"
    )
    _check_graph(land, nx.read_gexf(io.BytesIO(ic.io.to_gexf(land).encode())), name_key="label")
    _check_graph(land, nx.node_link_graph(ic.io.to_node_link(land), edges="links"), name_key="name")


@pytest.mark.parametrize("derived", [True, False])
def test_graphml_is_the_bytes_networkx_writes(derived: bool) -> None:  # noqa: FBT001 (a parameter)
    """The GraphML text is byte for byte what networkx's writer gave, on hostile text and an empty landscape."""
    for land in (hostile(), ic.LandscapeBuilder("").build()):
        assert ic.io.to_graphml(land, derived=derived) == networkx_graphml(land, derived=derived)
        assert ic.io.to_gexf(land, derived=derived) == networkx_gexf(land, derived=derived)
    undated = ic.LandscapeBuilder("x").add(ic.Region(id="r", name="R")).build()
    assert ic.io.to_gexf(undated) == networkx_gexf(undated)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["cheshire-and-merseyside", "england"])
def test_graphml_is_the_bytes_networkx_writes_on_the_datasets(name: str) -> None:
    """The bundled datasets give the bytes networkx's writer gave."""
    land = ic.datasets.load(name)
    assert ic.io.to_graphml(land) == networkx_graphml(land)
    assert ic.io.to_gexf(land) == networkx_gexf(land)


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_graphml_is_the_bytes_networkx_writes_on_any_landscape(land: ic.Landscape) -> None:
    """Property: on generated landscapes the GraphML text is networkx's, byte for byte."""
    assert ic.io.to_graphml(land) == networkx_graphml(land)
    assert ic.io.to_gexf(land) == networkx_gexf(land)


def twice_between_one_pair() -> ic.Landscape:
    """A council that is twice a member of one partnership (two periods, then a third from the same day)."""
    return (
        ic.LandscapeBuilder()
        .add(
            ic.LocalAuthority(id="c1", name="Council One", tier="unitary"),
            ic.ICP(id="icp", name="North ICP"),
            ic.MemberOf(source="c1", target="icp", period=("2022-07-01", "2023-01-01")),
            ic.MemberOf(source="c1", target="icp", period=("2023-01-01", None), role="chair"),
            ic.MemberOf(source="c1", target="icp", period=("2023-01-01", None), role="deputy chair"),
        )
        .build()
    )


def _edge_facts(data: dict[str, Any]) -> tuple[object, ...]:
    """What tells one edge from another of its kind between the same pair, as an export holds it."""
    return tuple(data.get(field) for field in ("kind", "start", "end", "duty", "role"))


def _relation_facts(relation: ic.Relation) -> tuple[object, ...]:
    """The same facts, from the relation an edge of ic.graph holds."""
    start, end = relation.period.start, relation.period.end
    duty = relation.duty.value if isinstance(relation, ic.Duty) else None
    role = getattr(relation, "role", None)
    return (relation.kind, start and start.isoformat(), end and end.isoformat(), duty, role)


@pytest.mark.parametrize("land", [twice_between_one_pair(), ic.datasets.load("brackenshire")], ids=["hand", "dataset"])
def test_acceptance_an_edge_has_the_same_key_in_the_graph_and_every_export(land: ic.Landscape) -> None:
    """The same edge has the same key in ic.graph and in GraphML, GEXF and node-link read back by networkx."""
    expected = {(u, v, k): _relation_facts(d["relation"]) for u, v, k, d in ic.graph(land).edges(keys=True, data=True)}
    read_back: dict[str, nx.Graph[Any]] = {
        "graphml": nx.read_graphml(io.BytesIO(ic.io.to_graphml(land).encode()), force_multigraph=True),
        "gexf": nx.read_gexf(io.BytesIO(ic.io.to_gexf(land).encode())),
        "node-link": nx.node_link_graph(ic.io.to_node_link(land), edges="links"),
    }
    for name, exported in read_back.items():
        assert isinstance(exported, nx.MultiDiGraph), name
        found = {(u, v, k): _edge_facts(d) for u, v, k, d in exported.edges(keys=True, data=True)}
        assert found == expected, name


def test_graph_files_keep_element_ids_unique() -> None:
    """GraphML edges carry their key as data and no id (keys repeat); GEXF edge ids are unique source/target/key."""
    land = ic.datasets.load("brackenshire")
    graphml = ET.fromstring(ic.io.to_graphml(land).encode())  # noqa: S314 (our own output)
    edges = graphml.findall(".//{http://graphml.graphdrawing.org/xmlns}edge")
    assert len(edges) == ic.graph(land).number_of_edges()
    assert all("id" not in edge.attrib for edge in edges)
    gexf = ET.fromstring(ic.io.to_gexf(land).encode())  # noqa: S314 (our own output)
    ids = [edge.attrib["id"] for edge in gexf.iter() if edge.tag.endswith("}edge")]
    assert sorted(ids) == sorted(f"{u}/{v}/{k}" for u, v, k in ic.graph(land).edges(keys=True))


def test_leaving_out_derived_duties_keeps_the_other_keys() -> None:
    """With derived=False the relations typed in keep the keys they have in ic.graph."""
    land = ic.datasets.load("brackenshire")
    typed = sorted((u, v, k) for u, v, k, d in ic.graph(land).edges(keys=True, data=True) if not d["derived"])
    links = ic.io.to_node_link(land, derived=False)["links"]
    assert sorted((link["source"], link["target"], link["key"]) for link in links) == typed


def test_repeated_kinds_between_a_pair_are_keyed_by_start_then_numbered() -> None:
    """The first of a kind between a pair is keyed by the kind, a later one by its start, then ~2."""
    graph = ic.graph(twice_between_one_pair())
    roles = {key: data["relation"].role for key, data in graph["c1"]["icp"].items()}
    assert roles == {"member-of": None, "member-of@2023-01-01": "chair", "member-of@2023-01-01~2": "deputy chair"}


def test_dot_rdf_and_tables_name_edges_by_their_graph_keys() -> None:
    """DOT edge ids, RDF relation nodes and the relations table's index all come from the graph's keys."""
    land = twice_between_one_pair()
    keys = sorted(ic.graph(land).edges(keys=True))
    dot_ids = re.findall(r'id="([^"]+)"', ic.io.to_dot(land))
    assert sorted(dot_ids) == sorted(f"{u}/{v}/{k}" for u, v, k in keys)
    rdf = rdflib.Graph().parse(data=ic.io.to_turtle(land), format="turtle")
    nodes = {str(s).removeprefix(_rdf.BASE + "relation/") for s in rdf.subjects(rdflib.RDF.type, VOCAB.Relation)}
    assert nodes == set(dot_ids)
    _, relations = ic.io.to_dataframes(land)
    assert sorted(relations.index) == keys


def test_control_characters_become_replacement_characters_in_xml() -> None:
    """Characters XML cannot hold are replaced by U+FFFD, so the file still parses."""
    land = ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="bell\x07 here")).build()
    graph = nx.read_graphml(io.BytesIO(ic.io.to_graphml(land).encode()))
    assert graph.nodes["QYG"]["name"] == "bell\ufffd here"


def test_node_link_keeps_full_records() -> None:
    """Node-link data holds each entity's and relation's full record, and derived duties' rule and path."""
    land = hostile()
    data = ic.io.to_node_link(land)
    json.dumps(data)
    assert data["graph"] == {"name": land.name, "format": "integratedcare/1"}
    trust = next(n for n in data["nodes"] if n["id"] == "trust")
    assert trust == {"id": "trust", "kind": "nhs-trust", "name": HOSTILE[7], "services": ["acute"]}
    derived = [link for link in data["links"] if link.get("derived")]
    assert derived
    assert {"rule", "regime", "via"} <= set(derived[0])
    graph = ic.graph(land)
    assert all(graph.edges[link["source"], link["target"], link["key"]]["derived"] for link in derived)


def test_derived_false_leaves_out_derived_duties() -> None:
    """With derived=False the exports hold only the relations typed in."""
    land = hostile()
    assert len(ic.io.to_node_link(land, derived=False)["links"]) == len(land.all_relations)
    graph = nx.read_graphml(io.BytesIO(ic.io.to_graphml(land, derived=False).encode()), force_multigraph=True)
    assert graph.number_of_edges() == len(land.all_relations)
    assert "-.->" not in ic.io.to_mermaid(land, derived=False)
    assert "dashed" not in ic.io.to_dot(land, derived=False)


# --- Mermaid ----------------------------------------------------------------------------------------

_NODE = re.compile(r' *(n\d+)(?:\["([^"]*)"\]|\(\["([^"]*)"\]\))')
_SUBGRAPH = re.compile(r' *subgraph (n\d+) \["([^"]*)"\]')
_EDGE = re.compile(r' *(n\d+) (-->|-\.->)\|"([^"]*)"\| (n\d+)')


def _unescape(label: str) -> str:
    """Undo the Mermaid escaping: ``#code;`` entities and ``<br>`` line breaks."""
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label.replace("<br>", "\n"))


def parse_mermaid(text: str) -> tuple[dict[str, str], dict[str, str | None], list[tuple[str, str, str, str]]]:
    """Parse the flowchart subset the exporter writes: labels by node, parents, and edges; fail on anything else."""
    lines = text.splitlines()
    assert lines[0] in {"flowchart LR", "flowchart TB"}
    labels: dict[str, str] = {}
    parents: dict[str, str | None] = {}
    edges: list[tuple[str, str, str, str]] = []
    stack: list[str] = []
    for line in lines[1:]:
        if match := _SUBGRAPH.fullmatch(line):
            labels[match[1]] = _unescape(match[2])
            parents[match[1]] = stack[-1] if stack else None
            stack.append(match[1])
        elif line.strip() == "end":
            stack.pop()
        elif match := _NODE.fullmatch(line):
            labels[match[1]] = _unescape(match[2] if match[2] is not None else match[3])
            parents[match[1]] = stack[-1] if stack else None
        elif match := _EDGE.fullmatch(line):
            edges.append((match[1], match[4], match[2], _unescape(match[3])))
        else:
            pytest.fail(f"not a line of the flowchart: {line!r}")
    assert stack == []
    return labels, parents, edges


def test_mermaid_draws_areas_as_subgraphs_and_every_relation() -> None:
    """Areas become subgraphs holding what lies within them; other relations are labelled edges."""
    land = hostile()
    labels, parents, edges = parse_mermaid(ic.io.to_mermaid(land))
    ids = {entity.id: f"n{index}" for index, entity in enumerate(land.entities)}
    assert {labels[ids[e.id]] for e in land} == {e.name for e in land}
    assert parents[ids["place"]] == ids["ics"]
    assert parents[ids["QYG"]] == ids["ics"]
    duties = ic.statute.derived_duties(land)
    nested = 2
    assert len(edges) == len(land.all_relations) - nested + len(duties)
    assert (ids["trust"], ids["strategy"], "-->", "must have regard to") in edges
    assert sum(1 for edge in edges if edge[2] == "-.->") == len(duties)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_mermaid_names_survive_for_any_landscape(land: ic.Landscape) -> None:
    """Property: every name of a generated landscape comes back from the flowchart unchanged."""
    labels, _, _ = parse_mermaid(ic.io.to_mermaid(land, direction="TB"))
    assert sorted(labels.values()) == sorted(e.name for e in land)


def test_mermaid_nesting_never_makes_a_cycle_and_draws_extra_areas_as_edges() -> None:
    """Areas within each other over time nest once; a second enclosing area is an edge."""
    land = (
        ic.LandscapeBuilder()
        .add(
            ic.ICS(id="a", name="A"),
            ic.ICS(id="b", name="B"),
            ic.Region(id="r", name="R"),
            ic.Within(source="a", target="b", period=("2020-01-01", "2021-01-01")),
            ic.Within(source="b", target="a", period=("2022-01-01", None)),
            ic.Within(source="a", target="r"),
        )
        .build()
    )
    _, parents, edges = parse_mermaid(ic.io.to_mermaid(land))
    assert parents == {"n0": "n1", "n1": None, "n2": None}
    assert sorted(edges) == [("n0", "n2", "-->", "within"), ("n1", "n0", "-->", "within")]


def test_mermaid_refuses_an_unknown_direction() -> None:
    """The direction must be one Mermaid knows."""
    with pytest.raises(ic.errors.InvalidValueError, match=r"direction must be LR, RL, TB or BT, got 'up'"):
        ic.io.to_mermaid(hostile(), direction="up")


def test_mermaid_escapes_every_special_character() -> None:
    """Quotes, #, &, <, >, backticks, semicolons and carriage returns become #code; entities; XML-invalid go."""
    assert _diagrams.mermaid_text('a"#&<>`;\x01\r\n b') == "a#34;#35;#38;#60;#62;#96;#59;\ufffd#13;<br> b"


# Mermaid is a hostile target: a label is one quoted string holding only characters Mermaid takes as
# text, entity codes (#37;) and <br>. This is a grammar-level check of what Mermaid's preprocessor and
# flowchart lexer see (the real parser, the npm package mermaid, needs a browser DOM).
_LABEL = r'(?:[^"#&<>`;%:{}|\n\r\x00-\x1f\x7f-\x9f\u0085\u2028\u2029]|#\d+;|<br>)*'
_MERMAID_LINE = re.compile(
    rf'flowchart LR|(?: {{4}})+(?:n\d+\["{_LABEL}"\]|n\d+\(\["{_LABEL}"\]\)|subgraph n\d+ \["{_LABEL}"\]|end'
    rf'|n\d+ (?:-->|-\.->)\|"{_LABEL}"\| n\d+)'
)
_CODE = re.compile(r"#(\d+);|<br>")


def _mermaid_shown(text: str) -> str:
    """Return what a Mermaid label shows for a name: XML's forbidden characters and C1 controls as U+FFFD."""
    return re.sub("[\x80-\x9f]", "\ufffd", xml_safe(text))


def _unmermaid(label: str) -> str:
    """Decode a Mermaid label as Mermaid does: entity codes and <br>."""
    return _CODE.sub(lambda m: chr(int(m.group(1))) if m.group(1) else "\n", label)


def _safe_mermaid(output: str) -> None:
    """Assert that no line of a Mermaid export can start a directive, a comment, a style or a click."""
    for line in output.splitlines():
        assert _MERMAID_LINE.fullmatch(line), line
        assert "%%" not in line
        # Mermaid's encodeEntities rewrites these before parsing; they must never match.
        assert re.search(r"style.*:\S*#.*;", line) is None
        assert re.search(r"classDef.*:\S*#.*;", line) is None


@settings(max_examples=1000, deadline=None)
@given(text=st.text())
def test_mermaid_labels_are_escaped_and_survive(text: str) -> None:
    """Any Unicode text becomes one label of text, codes and <br> only, which decodes back to the text."""
    label = _diagrams.mermaid_text(text)
    assert re.fullmatch(_LABEL, label)
    assert not label.startswith(" ")
    assert not label.endswith(" ")
    assert "  " not in label
    assert _unmermaid(label) == _mermaid_shown(text)


HOSTILE_LABELS = [
    '%%{init: {"theme": "dark"}}%%',
    "%% a comment",
    "style n0 fill:#f00;",
    "classDef x fill:#f00;",
    'click n0 "https://example.org"',
    "  two spaces either side  ",
    "a\rb",
    "end",
    "subgraph",
    "a\u2028b\u0085c",
    "x --> y",
    '"]) injected',
]


@pytest.mark.parametrize("name", HOSTILE_LABELS)
def test_mermaid_export_of_a_hostile_name_is_one_label(name: str) -> None:
    """A name carrying a directive, comment, style, click, or edge whitespace stays one label that decodes back."""
    land = (
        ic.LandscapeBuilder()
        .add(ic.ICS(id="cm-ics", name=name))
        .add(ic.Place(id="wirral", name=name), within="cm-ics")
        .add(ic.Region(id="nw", name="NW"))
        .add(ic.Within(source="cm-ics", target="nw"))
        .build()
    )
    output = ic.io.to_mermaid(land)
    _safe_mermaid(output)
    labels = re.findall(r'\["(.*?)"\]', output)
    assert [_unmermaid(label) for label in labels] == ["NW", _mermaid_shown(name), _mermaid_shown(name)]


@pytest.mark.slow
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.text(min_size=1))
def test_mermaid_export_of_any_name_is_safe(name: str) -> None:
    """For any name the model accepts, every line of the Mermaid export is a line of the safe grammar."""
    try:
        entity = ic.Region(id="r", name=name)
    except ic.errors.InvalidValueError:
        return
    output = ic.io.to_mermaid(ic.LandscapeBuilder().add(entity).build())
    _safe_mermaid(output)
    assert _unmermaid(re.findall(r'\["(.*?)"\]', output)[0]) == _mermaid_shown(name)


def test_graphml_keeps_a_carriage_return() -> None:
    """A carriage return in a name survives GraphML (XML would read a raw one back as a line feed)."""
    land = ic.LandscapeBuilder().add(ic.Region(id="r", name="North\rWest")).build()
    graph = nx.read_graphml(io.BytesIO(ic.io.to_graphml(land).encode("utf-8")))
    assert graph.nodes["r"]["name"] == "North\rWest"


# --- Graphviz -----------------------------------------------------------------------------------------


def test_acceptance_dot_renders_with_graphviz_and_names_survive(tmp_path: Path) -> None:
    """The real dot binary renders the DOT, and each node's label in the SVG is the entity's name."""
    dot = shutil.which("dot")
    assert dot is not None, "Graphviz's dot must be installed (apt-get install graphviz)"
    land = hostile()
    source = tmp_path / "hostile.dot"
    ic.io.export(land, source)
    result = subprocess.run([dot, "-Tsvg", str(source)], capture_output=True, check=True, timeout=60)  # noqa: S603
    assert result.stderr == b""
    svg = ET.fromstring(result.stdout)  # noqa: S314 (our own output)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    shown = {}
    for group in svg.iterfind(".//svg:g[@class='node']", ns):
        title = group.find("svg:title", ns)
        assert title is not None
        shown[title.text] = "\n".join(t.text or "" for t in group.iterfind("svg:text", ns))
    assert shown == {e.id: e.name.replace("\t", " ") for e in land}
    edges = svg.findall(".//svg:g[@class='edge']", ns)
    assert len(edges) == len(land.all_relations) + len(ic.statute.derived_duties(land))


def test_dot_labels_escape_markup_and_keep_backslashes() -> None:
    """DOT HTML-like labels escape &, <, >, quotes, backslashes and carriage returns, and break lines."""
    assert _diagrams.dot_text('a&<>"\\\t\r\nb') == "a&amp;&lt;&gt;&quot;\\\\ &#13;<BR/>b"


# --- RDF ----------------------------------------------------------------------------------------------

HOLDERS = """
PREFIX icv: <https://w3id.org/integratedcare/vocab#>
SELECT DISTINCT ?holder WHERE {
    ?duty a icv:Duty ; icv:source ?holder ; icv:target ?document ; icv:duty "must have regard to" .
}
"""


def holders_by_sparql(graph: rdflib.Graph, document: str) -> set[str]:
    """Return the ids of the holders of duties to have regard to ``document``, by SPARQL."""
    bound = {"document": rdflib.URIRef(_rdf.BASE + document)}
    return {str(row[0]).removeprefix(_rdf.BASE) for row in graph.query(HOLDERS, initBindings=bound)}  # type: ignore[index]


def test_acceptance_sparql_over_turtle_finds_who_must_have_regard_to_a_strategy() -> None:
    """A SPARQL query over the Turtle returns the same holders as who_must_have_regard_to."""
    land = ic.io.load(DATA / "cheshire-east.toml")
    graph = rdflib.Graph().parse(data=ic.io.to_turtle(land), format="turtle")
    expected = {answer.holder.id for answer in ic.who_must_have_regard_to(land, "cm-strategy")}
    assert expected == {"E06000049", "QYG"}
    assert holders_by_sparql(graph, "cm-strategy") == expected


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_acceptance_sparql_agrees_with_who_must_have_regard_to_for_any_landscape(land: ic.Landscape) -> None:
    """Property: for every document of a generated landscape, SPARQL and the query name the same holders."""
    graph = rdflib.Graph().parse(data=ic.io.to_turtle(land), format="turtle")
    for document in land.of_type(ic.Document):
        expected = {answer.holder.id for answer in ic.who_must_have_regard_to(land, document)}
        assert holders_by_sparql(graph, document.id) == expected


def test_turtle_uses_the_organization_ontology_where_it_fits() -> None:
    """Bodies, posts, memberships, containment, reporting lines and successions use W3C ORG terms."""
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    graph = rdflib.Graph().parse(data=ic.io.to_turtle(hostile()), format="turtle")

    def node(ident: str) -> rdflib.URIRef:
        return rdflib.URIRef(_rdf.BASE + ident)

    assert (node("QYG"), rdflib.RDF.type, org.Organization) in graph
    assert (node("chair"), rdflib.RDF.type, org.Post) in graph
    assert (node("strategy"), rdflib.RDF.type, VOCAB.Document) in graph
    assert (node("place"), org.subOrganizationOf, node("ics")) in graph
    assert (node("chair"), org.memberOf, node("QYG")) in graph
    assert (node("QYG"), org.reportsTo, node("la")) in graph
    assert (node("trust"), VOCAB.mustHaveRegardTo, node("strategy")) in graph
    assert (node("QYG"), VOCAB.delegatesTo, node("place")) in graph
    assert (node("la"), org.holds, node("chair")) in graph
    assert (node("icp"), VOCAB.prepares, node("strategy")) in graph
    assert len(list(graph.subjects(rdflib.RDF.type, org.Membership))) == 1
    (event,) = graph.subjects(rdflib.RDF.type, org.ChangeEvent)
    assert (event, org.originalOrganization, node("ccg")) in graph
    assert (node("QYG"), org.resultedFrom, event) in graph
    assert graph.value(node("QYG"), rdflib.SKOS.prefLabel) == rdflib.Literal(HOSTILE[0])
    delegation = next(graph.subjects(rdflib.RDF.type, VOCAB.Delegation))
    assert sorted(str(f) for f in graph.objects(delegation, VOCAB.functions)) == ["a; b", "c"]
    assert graph.value(delegation, VOCAB.budget) == rdflib.Literal("2000000.0", datatype=rdflib.XSD.double)
    clause = next(graph.subjects(rdflib.RDF.type, VOCAB.HoldsToAccount))
    assert graph.value(clause, VOCAB.agreement) == node("mou")
    assert graph.value(clause, VOCAB.basis) == rdflib.Literal("mou 4")


def test_turtle_records_every_field_of_rich_entities() -> None:
    """Codes, dates, sources, notes and own fields appear as triples, and derived duties point to their path."""
    land = ic.io.load(DATA / "cheshire-east.toml")
    graph = rdflib.Graph().parse(data=ic.io.to_turtle(land), format="turtle")
    org = rdflib.Namespace("http://www.w3.org/ns/org#")
    icb = rdflib.URIRef(_rdf.BASE + "QYG")
    assert {str(c) for c in graph.objects(icb, org.identifier)} == {"ods:QYG", "gss:E54000008"}
    assert graph.value(icb, VOCAB.startDate) == rdflib.Literal("2022-07-01", datatype=rdflib.XSD.date)
    assert graph.value(icb, rdflib.DCTERMS.source) == rdflib.Literal("ONS ICB lookup (July 2022)")
    assert graph.value(icb, VOCAB.population) == rdflib.Literal("2700000.0", datatype=rdflib.XSD.double)
    place = rdflib.URIRef(_rdf.BASE + "cheshire-east-place")
    assert graph.value(place, rdflib.SKOS.note) is not None
    derived = [s for s in graph.subjects(VOCAB.derived, TRUE) if (s, VOCAB.via, None) in graph]
    assert derived
    for duty in derived:
        for step in graph.objects(duty, VOCAB.via):
            assert (step, rdflib.RDF.type, VOCAB.Relation) in graph


# rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph; the warning is rdflib's, not ours.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_jsonld_holds_the_same_statements_as_turtle() -> None:
    """The JSON-LD parses to a graph isomorphic to the Turtle's."""
    land = hostile()
    turtle = rdflib.Graph().parse(data=ic.io.to_turtle(land), format="turtle")
    jsonld = rdflib.Graph().parse(data=ic.io.to_jsonld(land), format="json-ld")
    assert rdflib.compare.isomorphic(turtle, jsonld)


def test_a_custom_base_names_the_resources() -> None:
    """base= sets the namespace of the landscape's own resources."""
    text = ic.io.to_turtle(hostile(), base="https://example.org/cm/")
    assert "<https://example.org/cm/QYG>" in text or "ns1:QYG" in text
    assert _rdf.camel("must give a copy to") == "mustGiveACopyTo"


def test_vocabulary_terms_are_all_documented() -> None:
    """Every icv: property the exports use is listed in docs/exports.md; every class is a class of the library."""
    graph = rdflib.Graph().parse(data=ic.io.to_turtle(hostile()), format="turtle")
    terms = {str(t).removeprefix(ic.io.VOCAB) for triple in graph for t in triple if str(t).startswith(ic.io.VOCAB)}
    page = (Path(__file__).parent.parent / "docs" / "exports.md").read_text(encoding="utf-8")
    classes = {t for t in terms if t[0].isupper()}
    assert sorted(t for t in classes if not isinstance(getattr(ic, t, None), type)) == []
    assert sorted(t for t in terms - classes if f"`icv:{t}`" not in page) == []


# --- pandas ---------------------------------------------------------------------------------------------


def test_dataframes_of_entities_and_relations() -> None:
    """Two frames: entities by id, relations by graph edge, with flattened columns and dates as dates."""
    import datetime as dt  # noqa: PLC0415 (only this test needs it)

    import pandas as pd  # noqa: PLC0415 (an optional extra)

    land = ic.io.load(DATA / "cheshire-east.toml")
    entities, relations = ic.io.to_dataframes(land)
    assert list(entities.index) == [e.id for e in land]
    assert list(entities.columns[:2]) == ["kind", "name"]
    assert entities.loc["QYG", "start"] == pd.Timestamp(dt.date(2022, 7, 1))
    assert entities.loc["QYG", "population"] == 2.7e6
    assert list(relations.index.names) == ["source", "target", "key"]
    assert set(relations.index) == set(ic.graph(land).edges(keys=True))
    assert list(relations.columns[:1]) == ["kind"]
    assert relations["derived"].sum() == len(ic.statute.derived_duties(land))
    assert len(relations) == len(land.all_relations) + len(ic.statute.derived_duties(land))


@pytest.mark.parametrize(
    ("module", "call", "extra"),
    [
        ("rdflib", _rdf.rdf_graph, "rdf"),
        ("pandas", ic.io.to_dataframes, "pandas"),
    ],
)
def test_missing_extras_name_the_extra(
    monkeypatch: pytest.MonkeyPatch, module: str, call: Callable[[ic.Landscape], object], extra: str
) -> None:
    """Without rdflib or pandas, the export says which extra to install."""
    monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(ic.errors.MissingExtraError, match=rf'pip install "integratedcare\[{extra}\]"') as caught:
        call(hostile())
    assert caught.value.module == module
    assert pd.__name__ == "pandas"


@pytest.mark.parametrize("write", [ic.io.to_turtle, ic.io.to_jsonld])
def test_rdf_is_written_without_rdflib(monkeypatch: pytest.MonkeyPatch, write: Callable[[ic.Landscape], str]) -> None:
    """Turtle and JSON-LD need no rdflib: the writers make the text themselves."""
    expected = write(hostile())
    monkeypatch.setitem(sys.modules, "rdflib", None)
    assert write(hostile()) == expected


def _isomorphic_to_the_rdflib_writer(land: ic.Landscape, *, derived: bool = True, base: str = _rdf.BASE) -> None:
    """The Turtle text parses to a graph isomorphic to the one the rdflib writer (``rdf_graph``) makes."""
    text = ic.io.to_turtle(land, derived=derived, base=base)
    assert text == ic.io.to_turtle(land, derived=derived, base=base)
    written = rdflib.Graph().parse(data=text, format="turtle")
    reference = _rdf.rdf_graph(land, derived=derived, base=base)
    assert len(written) == len(reference)
    assert rdflib.compare.isomorphic(written, reference)


def test_turtle_equals_the_rdflib_writer_on_hostile_text() -> None:
    """Every hostile name and note, with or without derived duties and under another base, as rdflib has it."""
    _isomorphic_to_the_rdflib_writer(hostile())
    _isomorphic_to_the_rdflib_writer(hostile(), derived=False, base="https://example.org/cm/")
    _isomorphic_to_the_rdflib_writer(ic.io.load(DATA / "cheshire-east.toml"))


@pytest.mark.slow
@pytest.mark.parametrize("name", ["cheshire-and-merseyside", "england"])
def test_turtle_equals_the_rdflib_writer_on_the_datasets(name: str) -> None:
    """The bundled datasets give the same graph as the rdflib writer."""
    _isomorphic_to_the_rdflib_writer(ic.datasets.load(name))


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_turtle_equals_the_rdflib_writer_on_any_landscape(land: ic.Landscape) -> None:
    """Property: on generated landscapes the Turtle text and the rdflib writer give isomorphic graphs."""
    _isomorphic_to_the_rdflib_writer(land)


def _jsonld_is_rdflibs(land: ic.Landscape, *, derived: bool = True, base: str = _rdf.BASE) -> None:
    """The JSON-LD text is byte for byte what rdflib's serialiser gave, and the same on every call."""
    text = ic.io.to_jsonld(land, derived=derived, base=base)
    assert text == rdflib_jsonld(land, derived=derived, base=base)
    assert text == ic.io.to_jsonld(land, derived=derived, base=base)


def test_jsonld_is_the_bytes_rdflib_writes_on_hostile_text() -> None:
    """Every hostile name and note, with or without derived duties and under another base, as rdflib wrote it."""
    _jsonld_is_rdflibs(hostile())
    _jsonld_is_rdflibs(hostile(), derived=False, base="https://example.org/cm/")


@pytest.mark.parametrize(
    ("write", "value"),
    [
        (lambda w: w.text('é \\ "\n'), 'é \\ "\n'),
        (lambda w: w.text("plain"), "plain"),
        (lambda w: w.iri("http://www.w3.org/ns/org#X"), {"@id": "org:X"}),
        (lambda w: w.literal(dt.date(2024, 1, 1)), {"@type": "xsd:date", "@value": "2024-01-01"}),
        (lambda w: w.literal(True), True),  # noqa: FBT003 (the value written)
        (lambda w: w.literal(1e16), 1e16),
        (lambda w: w.literal(float("inf")), float("inf")),  # json.dumps's Infinity, where repr gives inf
        (lambda w: w.literal("text"), "text"),
    ],
)
def test_jsonld_values_are_written_and_ordered_as_json_dumps_writes_them(
    write: Callable[[Any], str], value: object
) -> None:
    """Each kind of value is written as json.dumps(indent=2) writes it under a key, ordered by its sort_keys text."""
    writer = _turtle._JsonLD("")
    written = write(writer)
    assert written == json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n      ")
    assert writer.order(written) == json.dumps(value, sort_keys=True)


@pytest.mark.parametrize("base", ["http://www.w3.org/ns/org#", "urn:integratedcare:", "integratedcare"])
def test_jsonld_compacts_resources_as_rdflib_does(base: str) -> None:
    """A resource in a namespace of the context is a prefixed name; one without a delimiter is kept whole."""
    _jsonld_is_rdflibs(hostile(), base=base)
    resources = [resource["@id"] for resource in json.loads(ic.io.to_jsonld(hostile(), base=base))["@graph"]]
    assert ("org:QYG" in resources) == (base == "http://www.w3.org/ns/org#")


def test_jsonld_of_one_resource_or_none_lists_them_in_the_graph() -> None:
    """One resource is listed in @graph like many (without a second @context), and no resource gives an empty @graph."""
    one = json.loads(ic.io.to_jsonld(ic.LandscapeBuilder().add(ic.ICB(id="QYG", name="ICB")).build()))
    assert sorted(one) == ["@context", "@graph"]
    assert [sorted(resource) for resource in one["@graph"]] == [["@id", "@type", "icv:kind", "skos:prefLabel"]]
    empty = ic.io.to_jsonld(ic.LandscapeBuilder().build())
    assert json.loads(empty)["@graph"] == []
    assert empty == rdflib_jsonld(ic.LandscapeBuilder().build())


@pytest.mark.slow
def test_jsonld_is_the_bytes_rdflib_writes_on_a_dataset() -> None:
    """The Cheshire and Merseyside dataset (england takes rdflib a minute) gives rdflib's bytes."""
    _jsonld_is_rdflibs(ic.datasets.load("cheshire-and-merseyside"))


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(landscapes())
def test_jsonld_is_the_bytes_rdflib_writes_on_any_landscape(land: ic.Landscape) -> None:
    """Property: on generated landscapes the JSON-LD text is rdflib's."""
    _jsonld_is_rdflibs(land)


# --- export() and determinism ------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_export_infers_the_format_from_the_suffix(tmp_path: Path, suffix: str) -> None:
    """export() writes each format by its suffix, as the to_* function returns it."""
    land = hostile()
    path = ic.io.export(land, tmp_path / f"hostile.{suffix}")
    text = path.read_text(encoding="utf-8")
    writers: dict[str, Callable[[ic.Landscape], str]] = {
        "graphml": ic.io.to_graphml,
        "gexf": ic.io.to_gexf,
        "mmd": ic.io.to_mermaid,
        "dot": ic.io.to_dot,
        "ttl": ic.io.to_turtle,
        "jsonld": ic.io.to_jsonld,
        "toml": ic.io.dumps,
        "json": lambda land: ic.io.dumps(land, format="json"),
    }
    assert text == writers[suffix](land)


def test_export_node_link_must_be_named(tmp_path: Path) -> None:
    """Node-link JSON is written when named; an unknown suffix is refused."""
    path = ic.io.export(hostile(), tmp_path / "graph.json", "node-link")
    assert json.loads(path.read_text(encoding="utf-8")) == ic.io.to_node_link(hostile())
    with pytest.raises(ic.errors.UnsupportedFormatError, match=r'format ".png" is not supported; use one of dot, gexf'):
        ic.io.export(hostile(), tmp_path / "graph.png")


_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from test_io_exports import hostile
import integratedcare as ic
land = hostile()
for text in (ic.io.dumps(land), ic.io.dumps(land, format="json"), ic.io.to_graphml(land), ic.io.to_gexf(land),
             ic.io.to_mermaid(land), ic.io.to_dot(land), ic.io.to_turtle(land), ic.io.to_jsonld(land)):
    sys.stdout.write(text)
"""


@pytest.mark.slow
def test_acceptance_exports_are_the_same_bytes_whatever_the_hash_seed() -> None:
    """Every export gives the same bytes in fresh interpreters with different PYTHONHASHSEEDs."""
    script = _SCRIPT.format(tests=str(Path(__file__).parent))
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", script], capture_output=True, check=True, env=env, timeout=300
        )
        outputs.add(result.stdout)
    assert len(outputs) == 1


def test_flattened_quantities_are_in_root_units() -> None:
    """A quantity in root units keeps its magnitude; one in scaled units is converted (3 thousand person is 3000)."""
    from integratedcare._units import ureg  # noqa: PLC0415 (only this test needs them)
    from integratedcare.io._flat import flat_entity  # noqa: PLC0415

    scaled = ic.ICB(id="QYG", name="ICB", population=ureg.Quantity(3, "thousand * person"))  # as a user may make it
    plain = ic.ICB(id="QYG", name="ICB", population=ic.quantity(3000, "person"))
    assert flat_entity(scaled)["population"] == flat_entity(plain)["population"] == 3000.0


@pytest.mark.parametrize(
    "export",
    [
        ic.io.to_mermaid,
        ic.io.to_dot,
        ic.io.to_graphml,
        ic.io.to_gexf,
        ic.io.to_node_link,
        ic.io.to_turtle,
        ic.io.to_jsonld,
    ],
    ids=lambda export: export.__name__,
)
def test_every_export_takes_a_date(export: Callable[..., object]) -> None:
    """Each export with ``as_of`` writes what it writes of the landscape's view on that date."""
    land = ic.datasets.load("brackenshire")  # one entity of its 74 is not in force on the date
    dated = export(land, as_of="2024-01-01")
    assert dated == export(land.as_of("2024-01-01"))
    assert dated != export(land)
