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
from tiwell.item_match import ItemMatch
from tiwell.text import normalise

ROLES = ("item", "team", "wave", "date", "id", "group", "comment", "other", "ignore")
SINGLE_ROLES = ("team", "wave", "date", "id")
MAPPING_FORMAT = "tiwell-mapping"
COLUMNS = ["column", "role", "instrument", "item", "confidence", "evidence"]

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
_ROLE_NOUNS = {"id": "a respondent id", "team": "the team", "wave": "the survey wave", "date": "a response date",
               "group": "a grouping (role, site, service)", "comment": "a comment question"}
_DATE_PREFERENCE = ("completion time", "end date", "enddate", "recorded date", "timestamp", "submitted")
_FREE_TEXT_LENGTH = 25


class MappingError(ValueError):
    """A mapping that cannot be used; the message says which column or item and why."""


@dataclass(frozen=True)
class Mapping:
    """The roles of a table's columns for the instruments in use. ``table`` has COLUMNS."""

    instrument_ids: tuple[str, ...]
    table: pd.DataFrame

    def columns_for(self, role: str) -> list[str]:
        return self.table.loc[self.table["role"] == role, "column"].tolist()

    def column_for(self, role: str) -> str | None:
        found = self.columns_for(role)
        return found[0] if found else None

    def item_columns(self, instrument_id: str) -> dict[int, str]:
        rows = self.table[(self.table["role"] == "item") & (self.table["instrument"] == instrument_id)]
        return {int(n): c for n, c in zip(rows["item"], rows["column"])}

    def to_json(self) -> str:
        """The small file a user keeps to map the next wave's export the same way."""
        entries = [
            {"column": r.column, "role": r.role,
             **({"instrument": r.instrument, "item": int(r.item)} if r.role == "item" else {})}
            for r in self.table.itertuples()
        ]
        return json.dumps({"format": MAPPING_FORMAT, "version": 1, "instruments": list(self.instrument_ids),
                           "columns": entries}, indent=2, ensure_ascii=False)


def detect_mapping(table: SourceTable, instrument_ids: tuple[str, ...], matches: list[ItemMatch]) -> Mapping:
    """Propose a role for every column of the table, given the item matches found."""
    items = {m.column: m for m in matches}
    rows = []
    for column in table.frame.columns:
        if column in items:
            m = items[column]
            rows.append((column, "item", m.instrument, m.item, m.confidence, m.evidence))
        else:
            role, confidence, evidence = _other_role(column, table)
            rows.append((column, role, None, None, confidence, evidence))
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({"item": "Int64", "confidence": float})
    return Mapping(tuple(instrument_ids), _keep_one_of_each(frame))


def _other_role(column: str, table: SourceTable) -> tuple[str, float, str]:
    parts = [normalise(p) for p in table.headers.get(column, (column,)) if not p.startswith("{")]
    for role, pattern in _ROLE_RULES:
        if any(re.fullmatch(pattern, part) for part in parts):
            return role, 0.9, f"the header reads like {_ROLE_NOUNS[role]}"
    values = table.frame[column]
    answered = values[values.ne("")]
    if len(answered) and answered.str.len().mean() >= _FREE_TEXT_LENGTH:
        return "comment", 0.7, "its answers are free text"
    return "other", 0.5, "kept as it is"


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


def mapping_from_table(edited: pd.DataFrame, instruments: dict[str, Instrument], columns: list[str]) -> Mapping:
    """Check a mapping a person edited (or loaded) against the table's columns and the instruments."""
    frame = edited.reindex(columns=COLUMNS).copy()
    frame["role"] = frame["role"].fillna("other")
    frame["item"] = pd.to_numeric(frame["item"], errors="coerce").astype("Int64")
    if len(instruments) == 1:
        frame.loc[frame["role"] == "item", "instrument"] = frame.loc[frame["role"] == "item", "instrument"].fillna(next(iter(instruments)))
    bad_role = frame.loc[~frame["role"].isin(ROLES), "role"]
    if len(bad_role):
        raise MappingError(f"Role '{bad_role.iloc[0]}' is not one of: {', '.join(ROLES)}.")
    unknown = sorted(set(frame["column"]) - set(columns))
    if unknown:
        raise MappingError(f"The mapping names column '{unknown[0]}', which this file does not have.")
    _check_items(frame[frame["role"] == "item"], instruments)
    for role in SINGLE_ROLES:
        chosen = frame.loc[frame["role"] == role, "column"].tolist()
        if len(chosen) > 1:
            raise MappingError(f"Only one column can be the {role}; now {', '.join(chosen)} are.")
    frame.loc[frame["role"] != "item", ["instrument", "item"]] = [None, pd.NA]
    frame["confidence"] = pd.to_numeric(frame["confidence"], errors="coerce").fillna(1.0)
    frame["evidence"] = frame["evidence"].fillna("set by you")
    return Mapping(tuple(instruments), frame.reset_index(drop=True))


def _check_items(items: pd.DataFrame, instruments: dict[str, Instrument]) -> None:
    for column, inst_id, number in zip(items["column"], items["instrument"], items["item"]):
        if inst_id not in instruments:
            raise MappingError(f"Column '{column}' is mapped to instrument '{inst_id}', which is not in use "
                               f"(in use: {', '.join(instruments)}).")
        if pd.isna(number):
            raise MappingError(f"Column '{column}' is marked as an item but has no item number.")
        wanted = instruments[inst_id].item_numbers
        if number not in wanted:
            raise MappingError(f"Column '{column}' is mapped to item {number}; {instruments[inst_id].short_name} "
                               f"has items {min(wanted)} to {max(wanted)}.")
    twice = items[items[["instrument", "item"]].duplicated(keep=False)]
    if len(twice):
        raise MappingError(f"Item {twice['item'].iloc[0]} of {instruments[twice['instrument'].iloc[0]].short_name} "
                           f"is mapped to more than one column: {', '.join(twice['column'])}.")


def read_mapping_file(text: str, source: str = "mapping file") -> dict:
    """A mapping file's instruments and entries, as {column: (role, instrument, item)}."""
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
        entries[entry["column"]] = (entry["role"], entry.get("instrument"), entry.get("item"))
    instruments = data.get("instruments") or []
    if not isinstance(instruments, list) or not all(isinstance(i, str) for i in instruments):
        raise MappingError(f"{source}: 'instruments' must be a list of instrument ids.")
    return {"instruments": instruments, "columns": entries}


def apply_saved(detected: Mapping, saved: dict, instruments: dict[str, Instrument]) -> tuple[Mapping, list[str]]:
    """The detected mapping with a saved file's choices laid over it; notes name every saved
    column the new file lacks, so nothing is silently ignored."""
    frame = detected.table.copy()
    present = set(frame["column"])
    notes = [f"The saved mapping names column '{c}', which this file does not have." for c in saved["columns"] if c not in present]
    mine = "from your mapping file"
    for column, (role, inst_id, item) in saved["columns"].items():
        if column in present:
            frame.loc[frame["column"] == column, ["role", "instrument", "item", "confidence", "evidence"]] = \
                [role, inst_id, item, 1.0, mine]
    saved_items = {(i, n) for role, i, n in saved["columns"].values() if role == "item"}
    taken = [(i, n) in saved_items for i, n in zip(frame["instrument"], frame["item"])]
    clash = (frame["role"] == "item") & pd.Series(taken, index=frame.index) & (frame["evidence"] != mine)
    frame.loc[clash, ["role", "instrument", "item", "evidence"]] = ["other", None, pd.NA, "its item was taken by your mapping file"]
    return mapping_from_table(frame, instruments, list(present)), notes
