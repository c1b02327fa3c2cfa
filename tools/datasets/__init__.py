"""Generators of the bundled datasets (see ``__main__``): they read the research tables and seed extracts."""
