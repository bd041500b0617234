"""Saved mapping files: read within limits, given a data dictionary's labels, laid over what was detected.

A person keeps the small JSON file :meth:`~tiwell.mapping.roles.Mapping.to_json` writes, and brings
it to the next wave's export so that it maps the same way. Every column it names that the new file
lacks is noted, never silently dropped.
"""

from __future__ import annotations

import json

import pandas as pd

from tiwell.errors import MappingError, SettingsFileError
from tiwell.ingest.settings_files import load_json
from tiwell.instruments.load import Instrument
from tiwell.mapping.labels import format_labels
from tiwell.mapping.roles import MAPPING_FORMAT, ROLES, Mapping, mapping_from_table


def read_mapping_file(text: str, source: str = "mapping file") -> dict:
    """A mapping file's instruments and entries, as {column: (role, instrument, item)}, with each
    column's tags and code labels. An entry may carry labels alone (no role): the column keeps the
    role detected. Files saved before labels existed read as they always did."""
    try:
        data = load_json(text, source, kind="a tiwell mapping file")
    except SettingsFileError as exc:
        raise MappingError(str(exc)) from None
    if not isinstance(data, dict) or data.get("format") != MAPPING_FORMAT or not isinstance(data.get("columns"), list):
        raise MappingError(f"{source} is not a tiwell mapping file (it needs \"format\": \"{MAPPING_FORMAT}\" and a list of columns).")
    entries, tags, labels = {}, {}, {}
    for i, entry in enumerate(data["columns"]):
        only_labels = isinstance(entry, dict) and "role" not in entry and isinstance(entry.get("labels"), str)
        if not isinstance(entry, dict) or not isinstance(entry.get("column"), str) or (
                entry.get("role") not in ROLES and not only_labels):
            raise MappingError(f"{source}: entry {i + 1} needs a 'column' and a 'role' (one of {', '.join(ROLES)}).")
        if isinstance(entry.get("labels"), str):
            labels[entry["column"]] = entry["labels"]
        if only_labels:
            continue
        entries[entry["column"]] = (entry["role"], entry.get("instrument"), entry.get("item"))
        tags[entry["column"]] = (entry.get("principle"), bool(entry.get("reversed", False)))
    instruments = data.get("instruments") or []
    if not isinstance(instruments, list) or not all(isinstance(i, str) for i in instruments):
        raise MappingError(f"{source}: 'instruments' must be a list of instrument ids.")
    return {"instruments": instruments, "columns": entries, "tags": tags, "labels": labels}


def with_labels(mapping_json: str | None, code_labels: dict[str, dict[str, str]]) -> str:
    """A mapping file (``mapping_json``, or an empty one) with ``code_labels`` (a data dictionary's
    choices, by column) added as labels-only entries for the columns it does not label already."""
    if mapping_json:
        read_mapping_file(mapping_json)  # a file that is not a mapping file is refused before it is extended
    data = json.loads(mapping_json) if mapping_json else {"format": MAPPING_FORMAT, "version": 1, "instruments": [],
                                                          "columns": []}
    labelled = {e["column"] for e in data["columns"] if isinstance(e.get("labels"), str) and e["labels"]}
    data["columns"] += [{"column": c, "labels": format_labels(labels)} for c, labels in code_labels.items()
                        if c not in labelled and labels]
    return json.dumps(data, indent=2, ensure_ascii=False)


def apply_saved(detected: Mapping, saved: dict, instruments: dict[str, Instrument]) -> tuple[Mapping, list[str]]:
    """The detected mapping with a saved file's choices laid over it; notes name every saved
    column the new file lacks, so nothing is silently ignored."""
    frame = detected.table.copy()
    present = set(frame["column"])
    notes = _absent_notes([c for c in saved["columns"] if c not in present], len(saved["columns"]))
    mine = "from your mapping file"
    laid = frame["column"].isin(saved["columns"])
    tags = saved.get("tags", {})
    if laid.any():  # a file of labels alone lays no role
        for k, name in enumerate(("role", "instrument", "item")):  # every saved column at once: one edit, one pass
            frame.loc[laid, name] = [saved["columns"][c][k] for c in frame.loc[laid, "column"]]
        frame.loc[laid, ["confidence", "evidence"]] = [1.0, mine]
        for k, name in enumerate(("principle", "reversed")):
            frame.loc[laid, name] = [tags.get(c, (None, False))[k] for c in frame.loc[laid, "column"]]
    for column, text in saved.get("labels", {}).items():
        frame.loc[frame["column"].eq(column) & frame["role"].ne("item"), "labels"] = text
    # Only a saved column this file has takes its item from the column detected for it.
    saved_items = {(i, n) for c, (role, i, n) in saved["columns"].items() if role == "item" and c in present}
    taken = [(i, n) in saved_items for i, n in zip(frame["instrument"], frame["item"])]
    clash = (frame["role"] == "item") & pd.Series(taken, index=frame.index) & (frame["evidence"] != mine)
    frame.loc[clash, ["role", "instrument", "item", "evidence"]] = ["other", None, pd.NA, "its item was taken by your mapping file"]
    return mapping_from_table(frame, instruments, list(present)), notes


_NAMED_ABSENT = 3  # past this many absent columns, one sentence names the first few and counts the rest


def _absent_notes(absent: list[str], named: int) -> list[str]:
    """A note per saved column this file lacks; when there are many, one sentence naming a few,
    which says the mapping may be another export's."""
    if len(absent) <= _NAMED_ABSENT:
        return [f"The saved mapping names column '{c}', which this file does not have." for c in absent]
    shown = ", ".join(f"'{c}'" for c in absent[:_NAMED_ABSENT])
    return [f"The saved mapping names {len(absent)} of its {named} columns that this file does not have ({shown} "
            f"and {len(absent) - _NAMED_ABSENT} more): it may have been saved from another export."]
