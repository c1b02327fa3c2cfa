"""pandas tables for answers and exports alike: dates as ``datetime64``, kinds as categories (pandas is optional)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from integratedcare._errors import MissingExtraError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["pandas", "records_frame", "typed_frame"]


def pandas(feature: str) -> Any:  # noqa: ANN401 (the pandas module)
    """Import pandas, or say which extra installs it.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    try:
        import pandas as pd  # noqa: PLC0415 (an optional extra)
    except ImportError as exc:
        raise MissingExtraError(feature=feature, module="pandas", extra="pandas") from exc
    return pd


def typed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Give a frame's ``start`` and ``end`` the ``datetime64`` dtype (open ends ``NaT``) and its kinds categories."""
    pd = pandas("typed_frame")
    for column in ("start", "end"):
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column])
    frame["kind"] = frame["kind"].astype("category")  # every table of the package has kinds
    return frame


def records_frame(records: Sequence[Mapping[str, object]], *, feature: str) -> pd.DataFrame:
    """Return records as a DataFrame, with dates as ``datetime64`` and kinds categorical.

    Raises:
        MissingExtraError: pandas is not installed.
    """
    pd = pandas(feature)
    columns = dict.fromkeys(["kind"])
    for record in records:
        columns.update(dict.fromkeys(record))
    return typed_frame(pd.DataFrame(list(records), columns=list(columns)))
