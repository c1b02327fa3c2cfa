"""Sphinx extensions of the integratedcare documentation (``docs/conf.py`` puts this folder on the path)."""
