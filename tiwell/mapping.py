"""Which column is which: instrument items, team, wave, date, respondent id, groupings, comments.

The mapping is a small table a person can read and correct (column, role, item, confidence,
evidence), saved as a JSON file to reuse on the next wave's export. Detection never changes the
data; it only proposes, and a saved or edited mapping always wins over what was detected.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pandas as pd

from tiwell.ingest import SourceTable
from tiwell.instrument import Instrument
from tiwell.item_match import match_items
from tiwell.text import normalise

ROLES = ("item", "team", "wave", "date", "id", "group", "comment", "other", "ignore")
SINGLE_ROLES = ("team", "wave", "date", "id")
MAPPING_FORMAT = "tiwell-mapping"
COLUMNS = ["column", "role", "item", "confidence", "evidence"]

# (role, header pattern on normalised text); the first role whose pattern matches wins.
_ROLE_RULES = (
    ("id", r"id|response id|respondent id|record id|responseid|respondentid|_record id"),
    ("team", r".*\bteam\b.*|department|dept|directorate|ward|unit|which (department|unit|ward) .*"),
    ("wave", r".*\b(wave|survey round|round|cycle|survey period|quarter)\b.*"),
    ("date", r"completion time|end ?date|recorded ?date|timestamp|submitted|date submitted|submission date|"
             r"response date|date|start ?date|start time"),
    ("group", r".*\b(role|job|grade|band|site|service|location|office|region|area|tenure|contract|profession|"
              r"discipline|shift|length of service|years)\b.*"),
    ("comment", r".*\b(comments?|anything else|tell us|free text|suggestions?|feedback|would like to share|"
                r"what would help|please explain|other thoughts)\b.*"),
)
_DATE_PREFERENCE = ("completion time", "end date", "enddate", "recorded date", "timestamp", "submitted")
_FREE_TEXT_LENGTH = 25


class MappingError(ValueError):
    """A mapping that cannot be used; the message says which column or item and why."""


@dataclass(frozen=True)
class Mapping:
    """The roles of a table's columns for one instrument. ``table`` has the COLUMNS above."""

    instrument_id: str
    table: pd.DataFrame

    def columns_for(self, role: str) -> list[str]:
        return self.table.loc[self.table["role"] == role, "column"].tolist()

    def column_for(self, role: str) -> str | None:
        found = self.columns_for(role)
        return found[0] if found else None

    @property
    def item_columns(self) -> dict[int, str]:
        rows = self.table[self.table["role"] == "item"]
        return {int(n): c for n, c in zip(rows["item"], rows["column"])}

    def to_json(self) -> str:
        """The small file a user keeps to map the next wave's export the same way."""
        entries = [
            {"column": r.column, "role": r.role, **({"item": int(r.item)} if r.role == "item" else {})}
            for r in self.table.itertuples()
        ]
        return json.dumps({"format": MAPPING_FORMAT, "version": 1, "instrument": self.instrument_id,
                           "columns": entries}, indent=2, ensure_ascii=False)


def detect_mapping(table: SourceTable, instrument: Instrument) -> Mapping:
    """Propose a role for every column of the table."""
    items = {m.column: m for m in match_items(table.headers, instrument)}
    rows = []
    for column in table.frame.columns:
        if column in items:
            m = items[column]
            rows.append((column, "item", m.item, m.confidence, m.evidence))
        else:
            rows.append((column, *_other_role(column, table)))
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({"item": "Int64", "confidence": float})
    return Mapping(instrument.id, _keep_one_of_each(frame))


def _other_role(column: str, table: SourceTable) -> tuple[str, None, float, str]:
    parts = [normalise(p) for p in table.headers.get(column, (column,)) if not p.startswith("{")]
    for role, pattern in _ROLE_RULES:
        if any(re.fullmatch(pattern, part) for part in parts):
            return role, None, 0.9, f"the header reads like a {role} column"
    values = table.frame[column]
    answered = values[values.ne("")]
    if len(answered) and answered.str.len().mean() >= _FREE_TEXT_LENGTH:
        return "comment", None, 0.7, "its answers are free text"
    return "other", None, 0.5, "kept as it is"


def _keep_one_of_each(frame: pd.DataFrame) -> pd.DataFrame:
    """Team, wave, date and id take one column each: the best match keeps the role, the
    others become groupings (team-like) or are kept as they are."""
    frame = frame.copy()
    for role in SINGLE_ROLES:
        rows = frame.index[frame["role"] == role]
        if len(rows) > 1:
            keep = _preferred(frame.loc[rows, "column"], role)
            demoted = "group" if role == "team" else "other"
            frame.loc[rows.drop(keep), ["role", "evidence"]] = [demoted, f"another column was taken as the {role}"]
    return frame


def _preferred(columns: pd.Series, role: str):
    if role == "date":
        for wanted in _DATE_PREFERENCE:
            for index, name in columns.items():
                if normalise(name).replace(" ", "") == wanted.replace(" ", ""):
                    return index
    return columns.index[0]


# ---------------------------------------------------------------- edits and saved files


def mapping_from_table(edited: pd.DataFrame, instrument: Instrument, columns: list[str]) -> Mapping:
    """Check a mapping a person edited (or loaded) against the table's columns and the instrument."""
    frame = edited.reindex(columns=COLUMNS).copy()
    frame["role"] = frame["role"].fillna("other")
    frame["item"] = pd.to_numeric(frame["item"], errors="coerce").astype("Int64")
    bad_role = frame.loc[~frame["role"].isin(ROLES), "role"]
    if len(bad_role):
        raise MappingError(f"Role '{bad_role.iloc[0]}' is not one of: {', '.join(ROLES)}.")
    unknown = sorted(set(frame["column"]) - set(columns))
    if unknown:
        raise MappingError(f"The mapping names column '{unknown[0]}', which this file does not have.")
    items = frame[frame["role"] == "item"]
    wanted = set(instrument.item_numbers)
    if items["item"].isna().any():
        column = items.loc[items["item"].isna(), "column"].iloc[0]
        raise MappingError(f"Column '{column}' is marked as an item but has no item number.")
    outside = items.loc[~items["item"].isin(wanted), ["column", "item"]]
    if len(outside):
        column, n = outside.iloc[0]
        raise MappingError(f"Column '{column}' is mapped to item {n}; {instrument.short_name} has items "
                           f"{min(wanted)} to {max(wanted)}.")
    twice = items[items["item"].duplicated(keep=False)]
    if len(twice):
        raise MappingError(f"Item {twice['item'].iloc[0]} is mapped to more than one column: "
                           f"{', '.join(twice['column'])}.")
    for role in SINGLE_ROLES:
        chosen = frame.loc[frame["role"] == role, "column"].tolist()
        if len(chosen) > 1:
            raise MappingError(f"Only one column can be the {role}; now {', '.join(chosen)} are.")
    frame.loc[frame["role"] != "item", "item"] = pd.NA
    frame["confidence"] = pd.to_numeric(frame["confidence"], errors="coerce").fillna(1.0)
    frame["evidence"] = frame["evidence"].fillna("set by you")
    return Mapping(instrument.id, frame.reset_index(drop=True))


def read_mapping_file(text: str, source: str = "mapping file") -> dict:
    """The saved entries of a mapping file, as {column: (role, item)}; the instrument id too."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MappingError(f"{source} is not a tiwell mapping file (not valid JSON: {exc.msg}, line {exc.lineno}).") from exc
    if not isinstance(data, dict) or data.get("format") != MAPPING_FORMAT or not isinstance(data.get("columns"), list):
        raise MappingError(f"{source} is not a tiwell mapping file (it needs \"format\": \"{MAPPING_FORMAT}\" and a list of columns).")
    entries = {}
    for i, entry in enumerate(data["columns"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("column"), str) or entry.get("role") not in ROLES:
            raise MappingError(f"{source}: entry {i + 1} needs a 'column' and a 'role' (one of {', '.join(ROLES)}).")
        entries[entry["column"]] = (entry["role"], entry.get("item"))
    return {"instrument": data.get("instrument"), "columns": entries}


def apply_saved(detected: Mapping, saved: dict, instrument: Instrument) -> tuple[Mapping, list[str]]:
    """The detected mapping with a saved file's choices laid over it; notes name every saved
    column the new file lacks, so nothing is silently ignored."""
    frame = detected.table.copy()
    present = set(frame["column"])
    notes = [f"The saved mapping names column '{c}', which this file does not have." for c in saved["columns"] if c not in present]
    for column, (role, item) in saved["columns"].items():
        if column in present:
            frame.loc[frame["column"] == column, ["role", "item", "confidence", "evidence"]] = [role, item, 1.0, "from your mapping file"]
    saved_items = {item for role, item in saved["columns"].values() if role == "item"}
    clash = (frame["role"] == "item") & frame["item"].isin(saved_items) & (frame["evidence"] != "from your mapping file")
    frame.loc[clash, ["role", "item", "evidence"]] = ["other", pd.NA, "its item was taken by your mapping file"]
    return mapping_from_table(frame, instrument, list(present)), notes
