"""The governance layer: boards and posts, functions and delegation schemes, decisions, disputes, mutual accountability.

It builds on the model, the landscape and the queries (whose argument handling and answer types
it shares); it never imports the layers above it (checks, io, datasets, cli).
"""

from __future__ import annotations

from integratedcare._governance._accountability import *  # noqa: F403
from integratedcare._governance._accountability import __all__ as _accountability_all
from integratedcare._governance._applicability import *  # noqa: F403
from integratedcare._governance._applicability import __all__ as _applicability_all
from integratedcare._governance._boards import *  # noqa: F403
from integratedcare._governance._boards import __all__ as _boards_all
from integratedcare._governance._budgets import *  # noqa: F403
from integratedcare._governance._budgets import __all__ as _budgets_all
from integratedcare._governance._cheshire_and_merseyside import *  # noqa: F403
from integratedcare._governance._cheshire_and_merseyside import __all__ as _cm_all
from integratedcare._governance._collaboratives import *  # noqa: F403
from integratedcare._governance._collaboratives import __all__ as _collaboratives_all
from integratedcare._governance._decisions import *  # noqa: F403
from integratedcare._governance._decisions import __all__ as _decisions_all
from integratedcare._governance._disputes import *  # noqa: F403
from integratedcare._governance._disputes import __all__ as _disputes_all
from integratedcare._governance._errors import *  # noqa: F403
from integratedcare._governance._errors import __all__ as _errors_all
from integratedcare._governance._functions import *  # noqa: F403
from integratedcare._governance._functions import __all__ as _functions_all

__all__ = [  # noqa: PLE0604
    *_accountability_all,
    *_applicability_all,
    *_boards_all,
    *_budgets_all,
    *_cm_all,
    *_collaboratives_all,
    *_decisions_all,
    *_disputes_all,
    *_errors_all,
    *_functions_all,
]
