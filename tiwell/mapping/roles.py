"""Which column is which: instrument items, team, wave, date, respondent id, groupings, comments,
and the organisation's own scale questions (drivers, and outcomes such as thinking of leaving).

The mapping is a small table a person can read and correct (column, role, item, confidence,
evidence; for drivers a trauma-informed principle and whether the wording is reversed), saved as
a JSON file to reuse on the next wave's export. Detection never changes the data; it only
proposes, and a saved or edited mapping always wins over what was detected.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pandas as pd

from tiwell.errors import MappingError, SettingsFileError
from tiwell.text.answer_scales import LABELLED, scale_of
from tiwell.ingest.tables import SourceTable
from tiwell.instruments.load import Instrument
from tiwell.mapping.items import MIN_SIMILARITY, ItemMatch, NearMiss
from tiwell.ingest.settings_files import load_json
from tiwell.text.spelling import normalise

ROLES = ("item", "team", "wave", "date", "id", "group", "comment", "driver", "outcome", "other", "ignore")
TAGGED_ROLES = ("driver", "outcome")  # the roles that carry a principle and a reversed flag
SINGLE_ROLES = ("team", "wave", "date", "id")
MAPPING_FORMAT = "tiwell-mapping"
# ``suggestion``: an item the column nearly matched, pre-filled in instrument and item, so that
# setting the role to item accepts it.
COLUMNS = ["column", "role", "instrument", "item", "confidence", "evidence", "principle", "reversed", "suggestion"]
# The six principles of SAMHSA's trauma-informed approach (SAMHSA, 2014, HHS Publication (SMA) 14-4884).
PRINCIPLES = ("safety", "trustworthiness and transparency", "peer support", "collaboration and mutuality",
              "empowerment, voice and choice", "cultural, historical and gender issues")

# (role, header pattern on normalised text); the first role whose pattern matches wins.
_ROLE_RULES = (
    ("id", r"id|response id|respondent id|record id|responseid|respondentid|_record id"),
    ("team", r".*\bteam\b.*|department|dept|directorate|ward|unit|which (department|unit|ward) .*"),
    ("wave", r".*\b(wave|survey round|round|cycle|survey period|quarter)\b.*"),
    # Tools' own time stamps too: REDCap '<form>_timestamp', Typeform 'Submitted At' / 'Submit Date (UTC)',
    # LimeSurvey 'Date submitted' / 'submitdate', SmartSurvey 'Started' / 'Ended'.
    ("date", r"completion time|end ?date|recorded ?date|(.* )?timestamp|submitted( at)?|date submitted|submitdate|"
             r"submission date|submit date( utc)?|response date|date|start ?date( utc)?|start time|date started|"
             r"startdate|date last action|datestamp|started|ended|completed at"),
    ("group", r".*\b(role|job|grade|band|site|service|location|office|region|area|tenure|contract|profession|"
              r"discipline|shift|length of service|years)\b.*"),
    ("comment", r".*\b(comments?|anything else|tell us|free text|suggestions?|feedback|would like to share|"
                r"what would help|please explain|other thoughts)\b.*"),
)
# Columns the survey tool adds about the response itself (Qualtrics' Finished is 0/1, Progress a percentage).
_TOOL_METADATA = (r"finished|progress|status|duration.*|location (latitude|longitude)|distribution channel|"
                  r"user language|collector id|custom data.*|last modified time")
# A question about leaving is an outcome to relate the drivers to, not a driver itself.
_OUTCOME_RULE = r".*\b(leav(e|ing)|quit(ting)?|another job|new job|intention to stay|stay in (this|my) job)\b.*"
# Words that suggest a question's principle; only a suggestion the person confirms or changes.
_PRINCIPLE_WORDS = dict(zip(PRINCIPLES, (
    r"safe|safety|blame|afraid|speak up|raise (a )?concerns?",
    r"trust|honest|open about|transparen|informed|kept up to date|explained|clear about|supervisor|manager",
    r"colleague|peer|team (supports?|looks?)|each other|support one another",
    r"together|involved|collaborat|partner|consulted|shared decisions?",
    r"choice|voice|say in|listened|my ideas|control over|decisions? about my",
    r"culture|cultural|background|identity|gender|ethnicity|heritage|respected for who",
)))
_AFTER_SCALE = ("team", "group", "comment")  # header rules that answers on a labelled scale overrule
_ROLE_NOUNS = {"id": "a respondent id", "team": "the team", "wave": "the survey wave", "date": "a response date",
               "group": "a grouping (role, site, service)", "comment": "a comment question"}
_DATE_PREFERENCE = ("completion time", "end date", "enddate", "recorded date", "timestamp", "submitted",
                    "submitted at", "submit date utc", "date submitted", "submitdate", "submission date", "ended",
                    "completed at")
_FREE_TEXT_LENGTH = 25
_SUGGESTIBLE = ("driver", "outcome", "comment", "other")  # roles a column nearly matching an item gives up
# A grouping's answers are a few categories; more different ones than this (or, past a handful,
# more than one answer in two different) are free text, whatever the header says.
_MAX_GROUPS = 40
_FEW_GROUPS = 10


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
        """The small file a user keeps to map the next wave's export the same way. A suggested
        item is written with its column's entry, so changing the role to item accepts it."""
        entries = [
            {"column": r.column, "role": r.role,
             **({"instrument": r.instrument, "item": int(r.item)} if r.role == "item" or _suggests(r) else {}),
             **({"principle": r.principle if isinstance(r.principle, str) and r.principle else None,
                 "reversed": bool(not pd.isna(r.reversed) and r.reversed)} if r.role in TAGGED_ROLES else {})}
            for r in self.table.itertuples()
        ]
        return json.dumps({"format": MAPPING_FORMAT, "version": 1, "instruments": list(self.instrument_ids),
                           "columns": entries}, indent=2, ensure_ascii=False)


def _suggests(row) -> bool:
    """Whether a row keeps an item suggested (pre-filled) for its column without taking it yet."""
    suggestion = getattr(row, "suggestion", None)  # a table made before suggestions has no such column
    return isinstance(suggestion, str) and bool(suggestion) and not pd.isna(row.item)


def detect_mapping(table: SourceTable, instrument_ids: tuple[str, ...], matches: list[ItemMatch],
                   near: list[NearMiss] = ()) -> Mapping:
    """Propose a role for every column of the table, given the item matches found. A column in
    ``near`` (most like an item no column matched) is no question of the organisation's own: it
    is kept as it is, with the item pre-filled and suggested for the person to accept (unless its
    header or answers make it a team, wave, date, id or grouping)."""
    items = {m.column: m for m in matches}
    nearly = {n.column: n for n in near}
    rows = []
    for column in table.frame.columns:
        if column in items:
            m = items[column]
            rows.append((column, "item", m.instrument, m.item, m.confidence, m.evidence, None, False, None))
            continue
        role, confidence, evidence = _other_role(column, table)
        if column in nearly and role in _SUGGESTIBLE:
            rows.append(_suggested(column, nearly[column]))
            continue
        principle = suggest_principle(table.headers.get(column, (column,))) if role == "driver" else None
        if principle:
            evidence += f"; its wording suggests {principle}"
        rows.append((column, role, None, None, confidence, evidence, principle, False, None))
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({"item": "Int64", "confidence": float})
    return Mapping(tuple(instrument_ids), _free_text_is_no_grouping(_keep_one_of_each(frame), table))


def _suggested(column: str, near: NearMiss) -> tuple:
    """A mapping row for a column that nearly matched an item: kept as it is, the item pre-filled."""
    return (column, "other", near.instrument, near.item, round(near.similarity / 100, 2),
            f"{near.similarity:.0f}% like the statement of item {near.item}, under the {MIN_SIMILARITY}% needed; "
            "set the role to item to accept it", None, False, f"item {near.item} ({near.similarity:.0f}% alike)")


def _other_role(column: str, table: SourceTable) -> tuple[str, float, str]:
    """The tool's own records first, then the header rules, except that answers on a labelled scale
    (agreement, frequency, yes/no) overrule a team, grouping or comment header ('my team', 'feedback'):
    they make a driver, or an outcome when the header is about leaving. Answers in plain numbers make
    a driver only when no rule claimed the header (a pay band or years of service is a grouping)."""
    parts = [normalise(p) for p in table.headers.get(column, (column,)) if not p.startswith("{")]
    if any(re.fullmatch(_TOOL_METADATA, part) for part in parts):
        return "other", 0.7, "the survey tool's own record of the response"
    values = table.frame[column]
    scale = None
    for role, pattern in _ROLE_RULES:
        if any(re.fullmatch(pattern, part) for part in parts):
            if role in _AFTER_SCALE and (scale := scale_of(values)) in LABELLED:
                break
            return role, 0.9, f"the header reads like {_ROLE_NOUNS[role]}"
    else:
        scale = scale_of(values)
    if scale is not None:
        role = "outcome" if any(re.fullmatch(_OUTCOME_RULE, part) for part in parts) else "driver"
        what = "a question about leaving" if role == "outcome" else "a question of your own"
        return role, 0.7, f"answered on the {scale.name} scale: {what}"
    answered = values[values.ne("")]
    if len(answered) and answered.str.len().mean() >= _FREE_TEXT_LENGTH:
        return "comment", 0.7, "its answers are free text"
    return "other", 0.5, "kept as it is"


def suggest_principle(header_parts: tuple[str, ...]) -> str | None:
    """The trauma-informed principle a question's wording suggests, or None."""
    text = " ".join(normalise(p) for p in header_parts if not p.startswith("{"))
    return next((p for p, words in _PRINCIPLE_WORDS.items() if re.search(words, text)), None)


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


def _free_text_is_no_grouping(frame: pd.DataFrame, table: SourceTable) -> pd.DataFrame:
    """A 'grouping' whose answers are mostly different ('What is your job title?' typed freely)
    would split people into groups of one and show what each typed: it becomes a comment when
    its answers are long, and is kept as it is otherwise."""
    for index in frame.index[frame["role"] == "group"]:
        values = table.frame[frame.at[index, "column"]]
        answered = values[values.ne("")]
        distinct = len(pd.unique(answered))
        if distinct > _MAX_GROUPS or (distinct > _FEW_GROUPS and 2 * distinct > len(answered)):
            long = answered.str.len().mean() >= _FREE_TEXT_LENGTH
            frame.loc[index, ["role", "confidence", "evidence"]] = [
                "comment" if long else "other", 0.7,
                f"its {distinct:,} different answers are free text, not groups to compare"]
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
        raise MappingError(f"The mapping names column '{unknown[0]}', which this file does not have.",
                           column=unknown[0])
    _check_items(frame[frame["role"] == "item"], instruments)
    for role in SINGLE_ROLES:
        chosen = frame.loc[frame["role"] == role, "column"].tolist()
        if len(chosen) > 1:
            raise MappingError(f"Only one column can be the {role}; now {', '.join(chosen)} are.")
    suggested = frame["suggestion"].notna() & frame["suggestion"].ne("")
    frame.loc[(frame["role"] != "item") & ~suggested, ["instrument", "item"]] = [None, pd.NA]
    frame["principle"], frame["reversed"] = _tags(frame)
    frame["confidence"] = pd.to_numeric(frame["confidence"], errors="coerce").fillna(1.0)
    frame["evidence"] = frame["evidence"].fillna("set by you")
    return Mapping(tuple(instruments), frame.reset_index(drop=True))


def _tags(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Principle and reversed flag, checked; kept only on drivers and outcomes."""
    tagged = frame["role"].isin(TAGGED_ROLES)
    principle = frame["principle"].astype(object)
    principle = principle.where(principle.notna() & principle.ne(""), None)
    bad = principle[tagged & principle.notna() & ~principle.isin(PRINCIPLES)]
    if len(bad):
        column = frame.loc[bad.index[0], "column"]
        raise MappingError(f"Column '{column}' is tagged '{bad.iloc[0]}', which is not one of the principles: "
                           f"{'; '.join(PRINCIPLES)}.", column=column)
    reversed_ = frame["reversed"].astype("boolean").fillna(False).astype(bool) & tagged
    return principle.where(tagged, None), reversed_


def _check_items(items: pd.DataFrame, instruments: dict[str, Instrument]) -> None:
    for column, inst_id, number in zip(items["column"], items["instrument"], items["item"]):
        if inst_id not in instruments:
            raise MappingError(f"Column '{column}' is mapped to instrument '{inst_id}', which is not in use "
                               f"(in use: {', '.join(instruments)}).", column=column)
        if pd.isna(number):
            raise MappingError(f"Column '{column}' is marked as an item but has no item number.", column=column)
        wanted = instruments[inst_id].item_numbers
        if number not in wanted:
            raise MappingError(f"Column '{column}' is mapped to item {number}; {instruments[inst_id].short_name} "
                               f"has items {min(wanted)} to {max(wanted)}.", column=column)
    twice = items[items[["instrument", "item"]].duplicated(keep=False)]
    if len(twice):
        raise MappingError(f"Item {twice['item'].iloc[0]} of {instruments[twice['instrument'].iloc[0]].short_name} "
                           f"is mapped to more than one column: {', '.join(twice['column'])}.")


def read_mapping_file(text: str, source: str = "mapping file") -> dict:
    """A mapping file's instruments and entries, as {column: (role, instrument, item)}."""
    try:
        data = load_json(text, source, kind="a tiwell mapping file")
    except SettingsFileError as exc:
        raise MappingError(str(exc)) from None
    if not isinstance(data, dict) or data.get("format") != MAPPING_FORMAT or not isinstance(data.get("columns"), list):
        raise MappingError(f"{source} is not a tiwell mapping file (it needs \"format\": \"{MAPPING_FORMAT}\" and a list of columns).")
    entries, tags = {}, {}
    for i, entry in enumerate(data["columns"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("column"), str) or entry.get("role") not in ROLES:
            raise MappingError(f"{source}: entry {i + 1} needs a 'column' and a 'role' (one of {', '.join(ROLES)}).")
        entries[entry["column"]] = (entry["role"], entry.get("instrument"), entry.get("item"))
        tags[entry["column"]] = (entry.get("principle"), bool(entry.get("reversed", False)))
    instruments = data.get("instruments") or []
    if not isinstance(instruments, list) or not all(isinstance(i, str) for i in instruments):
        raise MappingError(f"{source}: 'instruments' must be a list of instrument ids.")
    return {"instruments": instruments, "columns": entries, "tags": tags}


def apply_saved(detected: Mapping, saved: dict, instruments: dict[str, Instrument]) -> tuple[Mapping, list[str]]:
    """The detected mapping with a saved file's choices laid over it; notes name every saved
    column the new file lacks, so nothing is silently ignored."""
    frame = detected.table.copy()
    present = set(frame["column"])
    notes = [f"The saved mapping names column '{c}', which this file does not have." for c in saved["columns"] if c not in present]
    mine = "from your mapping file"
    for column, (role, inst_id, item) in saved["columns"].items():
        if column in present:
            principle, reversed_ = saved.get("tags", {}).get(column, (None, False))
            row = frame["column"] == column
            frame.loc[row, ["role", "confidence", "evidence", "principle", "reversed"]] = \
                [role, 1.0, mine, principle, reversed_]
            if role == "item":  # any other role keeps a suggested item, to accept later
                frame.loc[row, ["instrument", "item"]] = [inst_id, item]
    saved_items = {(i, n) for role, i, n in saved["columns"].values() if role == "item"}
    taken = [(i, n) in saved_items for i, n in zip(frame["instrument"], frame["item"])]
    clash = (frame["role"] == "item") & pd.Series(taken, index=frame.index) & (frame["evidence"] != mine)
    frame.loc[clash, ["role", "instrument", "item", "evidence"]] = ["other", None, pd.NA, "its item was taken by your mapping file"]
    return mapping_from_table(frame, instruments, list(present)), notes
