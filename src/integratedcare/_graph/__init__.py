"""The graph layer: the landscape as a frozen networkx multigraph, with derived duties as edges."""

from __future__ import annotations

from integratedcare._graph._build import graph

__all__ = ["graph"]
