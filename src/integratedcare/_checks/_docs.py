"""The rules page of the documentation, generated from the registry so that it cannot drift."""

from __future__ import annotations

from integratedcare._checks._registry import RULES, Rule, cite
from integratedcare._model import Citation

__all__ = ["rules_markdown"]

_HEADER = """\
<!--
  Generated from the rule registry: do not edit by hand. To regenerate, run from the repository root:
      python -c "import integratedcare as ic; print(ic.checks.rules_markdown(), end='')" > docs/rules.md
  A test fails when this page and integratedcare.checks.rules_markdown() differ.
-->

# Rules

`integratedcare.check(landscape)` runs every rule below and returns a report whose findings each name
an entity, say in one sentence what is wrong, and cite the rule's source. Severity follows the source:
**error** for statute, **warning** for national guidance, **advice** for good-practice guides.
Verification says how far the source was checked: *verified* (seen in the cited text), *partly
verified* (the substance seen, not the exact words or section) or *unverified*.

Two readings apply throughout. A landscape is judged on each date on which it changes (or on the
date given as `as_of`), and each finding says for which period it holds. And the checks judge what
a landscape records, not what it leaves out: a rule about a kind of thing (strategies, health and
wellbeing boards, provider collaboratives) says nothing when the landscape holds none of that kind
at all, and a rule about a body's membership says nothing when none of its members are recorded.
"""


def _escape(text: str) -> str:
    """Escape text for a Markdown table cell."""
    return text.replace("|", "\\|")


def _applies(rule: Rule) -> str:
    """Say when and under which regimes a rule applies."""
    period = "always" if rule.period.start is None and rule.period.end is None else str(rule.period)
    return f"{period}; {', '.join(sorted(rule.regimes))}"


def _source(rule: Rule) -> str:
    """Give a rule's source: the citation, or the guidance title and reference."""
    authority = rule.citation
    if isinstance(authority, Citation):
        text = str(authority)
    else:
        text = authority.title if authority.reference is None else f"{authority.title}; {authority.reference}"
    return text if authority.note is None else f"{text} ({authority.note})"


def rules_markdown() -> str:
    """Return the documentation page listing every rule: id, severity, citation, verification and notes.

    ``docs/rules.md`` is exactly this text; regenerate it after changing a rule.

    Examples:
        >>> import integratedcare as ic
        >>> page = ic.checks.rules_markdown()
        >>> "| ICP001 | error | LGPIHA 2007 s116ZA (verified) |" in page
        True
    """
    lines = [_HEADER, "## Summary", "", "| Id | Severity | Source | Title |", "|---|---|---|---|"]
    lines.extend(
        f"| {r.id} | {r.severity.value} | {_escape(cite(r.citation))} | {_escape(r.title)} |"
        for r in (RULES[key] for key in sorted(RULES))
    )
    for key in sorted(RULES):
        rule = RULES[key]
        lines += [
            "",
            f"## {rule.id}: {rule.title}",
            "",
            f"- **Severity:** {rule.severity.value}",
            f"- **Source:** {_source(rule)}",
            f"- **Verification:** {rule.verification.value}",
            f"- **Applies:** {_applies(rule)}",
            "",
            rule.notes,
        ]
    return "\n".join(lines) + "\n"
