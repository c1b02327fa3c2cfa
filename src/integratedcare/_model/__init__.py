"""The model layer: the nouns of the domain as frozen attrs classes.

It knows nothing of graphs, files or queries; it imports only ``_units`` and ``_errors``.
"""

from __future__ import annotations

from integratedcare._model._entities import *  # noqa: F403
from integratedcare._model._entities import __all__ as _entities_all
from integratedcare._model._figures import *  # noqa: F403
from integratedcare._model._figures import __all__ as _figures_all
from integratedcare._model._kinds import *  # noqa: F403
from integratedcare._model._kinds import __all__ as _kinds_all
from integratedcare._model._period import *  # noqa: F403
from integratedcare._model._period import ALWAYS
from integratedcare._model._period import __all__ as _period_all
from integratedcare._model._provenance import *  # noqa: F403
from integratedcare._model._provenance import __all__ as _provenance_all
from integratedcare._model._registry import *  # noqa: F403
from integratedcare._model._registry import __all__ as _registry_all
from integratedcare._model._relations import *  # noqa: F403
from integratedcare._model._relations import __all__ as _relations_all

__all__ = ["ALWAYS", *_entities_all, *_figures_all, *_kinds_all, *_period_all]  # noqa: PLE0604
__all__ += [*_provenance_all, *_registry_all, *_relations_all]  # noqa: PLE0604
