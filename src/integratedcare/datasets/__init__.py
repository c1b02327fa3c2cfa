"""The bundled datasets: real systems of England and a teaching example, in the integratedcare file format.

Use it as ``integratedcare.datasets``. Each dataset is a file shipped inside the package and read
through the same loader users use (:func:`integratedcare.io.loads`). Every entity and relation
carries its sources and how far they were verified; datasets name roles, never people.

- ``england``: England from 1 July 2022: 42 ICBs, then 36 from 1 April 2026.
- ``cheshire-and-merseyside``: the 2020 memorandum, the statutory arrangements from 2022, and
  the Cheshire East place.
- ``north-east-and-north-cumbria``: the ICB board, the strategic ICP and four area ICPs.
- ``brackenshire``: a small fictional system for teaching.

Examples:
    >>> import integratedcare as ic
    >>> ic.datasets.names()
    ('brackenshire', 'cheshire-and-merseyside', 'england', 'lancashire-and-south-cumbria',
     'north-east-and-north-cumbria')
    >>> teaching = ic.datasets.load("brackenshire")
    >>> [place.name for place in teaching.of_type(ic.Place)]
    ['Brackenford Place Partnership', 'The Dales Place Partnership']
"""

from __future__ import annotations

from integratedcare.datasets._errors import UnknownDatasetError
from integratedcare.datasets._registry import DatasetInfo, england, info, load, names

__all__ = ["DatasetInfo", "UnknownDatasetError", "england", "info", "load", "names"]
