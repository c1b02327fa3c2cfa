"""Run the ``integratedcare`` command as ``python -m integratedcare``."""

from __future__ import annotations

import sys

from integratedcare._cli import main

if __name__ == "__main__":
    sys.exit(main())
