"""ODS ORD records: :func:`from_ods` reads organisation records of the ODS ORD API (JSON) into a landscape.

An ORD record is ``{"Organisation": {...}}`` with ``Name``, typed ``Date`` periods (``Legal``
and ``Operational``), ``OrgId``, ``Roles``, ``Rels`` (named relationships ``RE2``...) and
``Succs`` (successions). ORD end dates are the last day an organisation or role exists; the
model's periods end on the first day something no longer holds, so a day is added.
"""

from __future__ import annotations

import datetime as dt
import os
import warnings
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Any, Final

from integratedcare._errors import IntegratedCareError, LandscapeError
from integratedcare._landscape import Landscape, LandscapeBuilder
from integratedcare._model import ENTITY_KINDS, RELATION_KINDS, Code, Period, Relation, SucceededBy, to_date
from integratedcare.io._errors import DroppedDataWarning, FileFormatError
from integratedcare.io._fhir import ROLE_KINDS, ROLE_ORDER
from integratedcare.io._files import read_json
from integratedcare.io._limits import DEFAULT_LIMITS, Limits

__all__ = ["ODS_RELATIONSHIPS", "from_ods"]


ODS_RELATIONSHIPS: Final[Mapping[str, tuple[str, str | None]]] = MappingProxyType(
    {
        "RE2": ("IS A SUB-DIVISION OF", "within"),
        "RE3": ("IS DIRECTED BY", None),
        "RE4": ("IS COMMISSIONED BY", "within"),
        "RE5": ("IS LOCATED IN THE GEOGRAPHY OF", "within"),
        "RE6": ("IS OPERATED BY", None),
        "RE8": ("IS PARTNER TO", "within"),
        "RE9": ("IS NOMINATED PAYEE FOR", None),
        "RE10": ("IS COVID NOMINATED PAYEE FOR", None),
        "RE11": ("IS CONSTITUENT OF", "within"),
    }
)
"""The ORD named relationships: each id's ORD name and the kind of relation it becomes (``None``: dropped).

``RE4`` becomes ``within`` only from a GP practice to its sub-ICB location (or, before July 2022,
its clinical commissioning group), and ``RE8`` only from a GP practice to its primary care network,
as the bundled England dataset holds them; any other is dropped and reported.
"""

_ONLY_BETWEEN: Final[Mapping[str, tuple[frozenset[str], frozenset[str]]]] = MappingProxyType(
    {
        "RE4": (frozenset({"gp-practice"}), frozenset({"sub-icb-location", "clinical-commissioning-group"})),
        "RE8": (frozenset({"gp-practice"}), frozenset({"primary-care-network"})),
    }
)
"""The kinds of source and target a mapped relationship is read between, where it is not read between any."""

_NO_RELATION: Final = {
    "RE3": "direction is no relation of the model",
    "RE6": "operation is no relation of the model",
    "RE9": "payment is no relation of the model",
    "RE10": "payment is no relation of the model",
}

_USED: Final = frozenset({"Name", "Date", "OrgId", "Status", "Roles", "Rels", "Succs"})


class _Problem(Exception):  # noqa: N818 (an internal signal, not an error users see)
    """A field of a record that cannot be read, and why."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(problem)
        self.field = field
        self.problem = problem


def _list(value: object, field: str) -> list[Any]:
    """Return a list, or a single table as a list of one (ORD writes both)."""
    if value is None:
        return []
    if isinstance(value, dict):
        return [value]
    if not isinstance(value, list):
        raise _Problem(field, f"must be a list, got {value!r}")
    return value


def _day(value: object, field: str) -> dt.date:
    """Read an ORD date."""
    try:
        return to_date(value, field=field)  # type: ignore[arg-type]
    except (IntegratedCareError, TypeError) as exc:
        raise _Problem(field, str(exc)) from None


def _period(dates: object, field: str) -> Period:
    """Read typed dates: the ``Legal`` period, else the ``Operational`` one; the end day is inclusive in ORD."""
    found: dict[str, Period] = {}
    for index, item in enumerate(_list(dates, field)):
        where = f"{field}[{index}]"
        if not isinstance(item, dict):
            raise _Problem(where, f"must be a table, got {item!r}")
        start = _day(item["Start"], f"{where}.Start") if "Start" in item else None
        end = _day(item["End"], f"{where}.End") + dt.timedelta(days=1) if "End" in item else None
        try:
            found[str(item.get("Type"))] = Period(start=start, end=end)
        except IntegratedCareError as exc:
            raise _Problem(where, str(exc)) from None
    return found.get("Legal", found.get("Operational", Period()))


def _code(target: object, field: str) -> str:
    """Return the ODS code an ``OrgId`` (or a ``Target`` holding one) gives."""
    org_id = target.get("OrgId", target) if isinstance(target, dict) else None
    value = org_id.get("extension") if isinstance(org_id, dict) else None
    if not isinstance(value, str) or not value:
        raise _Problem(field, f"must hold an OrgId with an extension (the ODS code), got {target!r}")
    return value


def _label(record: object) -> str:
    """Name a record by its ODS code, where it has one."""
    try:
        return _code(record["Organisation"], "OrgId")  # type: ignore[index]
    except (_Problem, KeyError, TypeError):
        return "no code"


class _Reader:
    """Read records, collecting problems and what was dropped."""

    def __init__(self) -> None:
        self.entities: dict[str, Any] = {}
        self.links: list[tuple[str, str, str | None, type[Relation], str, str, Period]] = []
        """Each link to resolve: the record's code, its field, the relationship id (None for a succession),
        the class of relation, its source and target, and its period."""
        self.dropped: list[str] = []
        self.codes: set[str] = set()

    def record(self, record: object) -> None:
        """Read one ``{"Organisation": {...}}`` record."""
        organisation = record.get("Organisation") if isinstance(record, dict) else None
        if not isinstance(organisation, dict):
            raise _Problem("Organisation", f"must be a table, got {organisation!r}")
        code = _code(organisation, "OrgId")
        if code in self.codes:
            raise _Problem("OrgId", f"{code} is the code of an earlier record (each organisation is given once)")
        self.codes.add(code)
        name = organisation.get("Name")
        if not isinstance(name, str) or not name:
            raise _Problem("Name", f"must be a non-empty text, got {name!r}")
        period = _period(organisation.get("Date"), "Date")
        kind, role_period = self._kind(code, organisation.get("Roles"))
        for key in sorted(set(organisation) - _USED):
            self.dropped.append(f"{code}: {key}")
        if kind is None:
            self.dropped.append(f"{code}: the whole record (none of its roles is a kind the library knows)")
            return
        try:
            entity = ENTITY_KINDS[kind](id=code, name=name, codes=[Code("ods", code)], period=role_period or period)
        except (IntegratedCareError, TypeError) as exc:
            raise _Problem("OrgId", f"cannot make a {kind} of the record: {exc}") from None
        self.entities[code] = entity
        self._rels(code, organisation.get("Rels"))
        self._succs(code, organisation.get("Succs"))

    def _kind(self, code: str, roles: object) -> tuple[str | None, Period | None]:
        """Choose the kind from the roles (the most specific known one) and return the period of that role."""
        table = roles.get("Role") if isinstance(roles, dict) else roles
        found: dict[str, Period] = {}
        for index, role in enumerate(_list(table, "Roles.Role")):
            role_id = role.get("id") if isinstance(role, dict) else None
            if isinstance(role_id, str) and role_id in ROLE_KINDS:
                found[role_id] = _period(role.get("Date"), f"Roles.Role[{index}].Date")
            else:
                self.dropped.append(f"{code}: Roles.Role[{index}] ({role_id}, no kind of its own here)")
        for role_id in ROLE_ORDER:
            if role_id in found:
                return ROLE_KINDS[role_id], found[role_id] if found[role_id] != Period() else None
        return None, None

    def _rels(self, code: str, rels: object) -> None:
        """Read the named relationships the model has a relation for; report the others."""
        table = rels.get("Rel") if isinstance(rels, dict) else rels
        for index, rel in enumerate(_list(table, "Rels.Rel")):
            where = f"Rels.Rel[{index}]"
            rel_id = rel.get("id") if isinstance(rel, dict) else None
            name, kind = ODS_RELATIONSHIPS.get(str(rel_id), ("", None))
            if kind is None:
                why = _NO_RELATION.get(str(rel_id), "a relationship the model does not hold")
                self.dropped.append(f"{code}: {where} ({rel_id}{' ' + name if name else ''}: {why})")
                continue
            target = _code(rel.get("Target"), f"{where}.Target")
            period = _period(rel.get("Date"), f"{where}.Date")
            self.links.append((code, where, str(rel_id), RELATION_KINDS[kind], code, target, period))

    def _succs(self, code: str, succs: object) -> None:
        """Read the successions, each as predecessor succeeded by successor."""
        table = succs.get("Succ") if isinstance(succs, dict) else succs
        for index, succ in enumerate(_list(table, "Succs.Succ")):
            where = f"Succs.Succ[{index}]"
            kind = succ.get("Type") if isinstance(succ, dict) else None
            if kind not in ("Predecessor", "Successor"):
                raise _Problem(f"{where}.Type", f"must be Predecessor or Successor, got {kind!r}")
            other = _code(succ.get("Target"), f"{where}.Target")
            period = _period(succ.get("Date"), f"{where}.Date")
            if period.start is None:
                raise _Problem(f"{where}.Date", "must give the day of the succession (a Start)")
            date = Period(start=period.start)
            pair = (other, code) if kind == "Predecessor" else (code, other)
            self.links.append((code, where, None, SucceededBy, *pair, date))

    def finish(self, name: str) -> Landscape:
        """Keep the links between organisations read that the model can hold, and build the landscape."""
        builder = LandscapeBuilder(name).add(*self.entities.values())
        seen: set[tuple[type[Relation], str, str, Period]] = set()
        for code, where, rel_id, cls, source, target, period in self.links:
            if source not in self.entities or target not in self.entities:
                missing = target if source in self.entities else source
                self.dropped.append(f"{code}: {where} ({missing} is not among the records read)")
                continue
            source_kind, target_kind = self.entities[source].kind, self.entities[target].kind
            allowed = _ONLY_BETWEEN.get(rel_id or "")
            if allowed is not None and (source_kind not in allowed[0] or target_kind not in allowed[1]):
                between = " or ".join(sorted(allowed[0])) + " to a " + " or ".join(sorted(allowed[1]))
                what = f"{rel_id} {ODS_RELATIONSHIPS[str(rel_id)][0]}"
                self.dropped.append(
                    f"{code}: {where} ({what}: read only from a {between}; here {source_kind} to {target_kind})"
                )
            elif (cls, source, target, period) not in seen:
                seen.add((cls, source, target, period))
                builder.add(cls(source=source, target=target, period=period))
        return builder.build()


def _records_in(data: object, source: str) -> dict[str, Any] | list[Any]:
    """Return the record or records a JSON file holds (each record is checked as it is read), or refuse the file."""
    if isinstance(data, dict | list):
        return data
    problem = FileFormatError(path=source, problem="must hold an ODS record (an object) or a list of them")
    raise LandscapeError(f"1 problem in ODS records {source!r}", [problem])


def from_ods(
    records: Mapping[str, Any] | Sequence[Mapping[str, Any]] | str | os.PathLike[str],
    *,
    name: str = "",
    source: str = "<ods>",
    limits: Limits = DEFAULT_LIMITS,
) -> Landscape:
    """Read ODS ORD organisation records (one, or a list) into a landscape.

    Each record becomes an entity whose id and ODS code are the record's ``OrgId``, whose kind
    comes from its most specific known role (``RO318`` integrated care board, ``RO319`` sub-ICB
    location, ``RO76`` GP practice, ``RO272`` primary care network, ``RO197`` NHS trust,
    ``RO209`` NHS England region, ``RO98`` clinical commissioning group) and whose period is
    that role's (its ``Legal`` dates, else its ``Operational`` ones), else the organisation's.
    Relationships ``RE2`` (is a sub-division of), ``RE5`` (is located in the geography of) and
    ``RE11`` (is constituent of) become ``within``, as do ``RE4`` (is commissioned by) from a GP
    practice to its sub-ICB location or CCG and ``RE8`` (is partner to) from a GP practice to its
    primary care network; successions become ``succeeded-by``; each when both organisations are
    among the records (``ODS_RELATIONSHIPS``).
    What the model cannot hold (addresses, other roles, ``RE3``, ``RE6``, ``RE9``, ``RE10`` and
    other relationships, links to organisations not read, record metadata) is dropped and
    reported in one :class:`~integratedcare.errors.DroppedDataWarning`, each item naming the
    record, the field and why.

    ``records`` may be a path to a JSON file instead (a record, or a list of them), read as
    :func:`~integratedcare.io.load` reads one, held to ``limits``; its path is the ``source``
    that errors and warnings name.

    Raises:
        LandscapeError: records that cannot be read, each a :class:`~integratedcare.errors.FileFormatError`
            naming the record and the field; or the landscape they describe is not valid; or the
            file is not JSON (naming the file).
        FileTooLargeError: the file is larger than ``Limits.file_size``.
        OSError: the file cannot be read.

    Examples:
        >>> import integratedcare as ic, warnings
        >>> record = {"Organisation": {"Name": "NHS CHESHIRE AND MERSEYSIDE INTEGRATED CARE BOARD",
        ...     "OrgId": {"extension": "QYG"}, "Date": [{"Type": "Legal", "Start": "2022-07-01"}],
        ...     "Roles": {"Role": [{"id": "RO318", "Date": [{"Type": "Legal", "Start": "2022-07-01"}]}]}}}
        >>> land = ic.io.from_ods(record)
        >>> land["QYG"].kind, land["QYG"].period.start
        ('integrated-care-board', datetime.date(2022, 7, 1))
    """
    if isinstance(records, (str, os.PathLike)):
        source = os.fspath(records)
        records = _records_in(read_json(records, limits), source)
    reader = _Reader()
    problems: list[IntegratedCareError] = []
    items = [records] if isinstance(records, Mapping) else list(records)
    for index, record in enumerate(items):
        try:
            reader.record(record)
        except _Problem as problem:
            location = f"[{index}] ({_label(record)}).{problem.field}"
            problems.append(FileFormatError(path=source, location=location, problem=problem.problem))
    if problems:
        count = len(problems)
        raise LandscapeError(f"{count} problem{'s' if count > 1 else ''} in ODS records {source!r}", problems)
    landscape = reader.finish(name)
    if reader.dropped:
        warnings.warn(DroppedDataWarning(source=source, dropped=tuple(reader.dropped)), stacklevel=2)
    return landscape
