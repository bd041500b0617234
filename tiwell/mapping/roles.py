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

from tiwell.errors import MappingError
from tiwell.text.answer_scales import LABELLED, scale_of
from tiwell.ingest.tables import SourceTable
from tiwell.instruments.load import Instrument
from tiwell.mapping.items import MIN_SIMILARITY, ItemMatch, NearMiss
from tiwell.mapping.labels import LABELLED_ROLES, format_labels, parse_labels, some_codes, unlabelled_codes
from tiwell.text.spelling import normalise
from tiwell.theme import PRINCIPLE_IDS

ROLES = ("item", "team", "wave", "date", "id", "group", "comment", "driver", "outcome", "other", "ignore")
TAGGED_ROLES = ("driver", "outcome")  # the roles that carry a principle and a reversed flag
SINGLE_ROLES = ("team", "wave", "date", "id")
MAPPING_FORMAT = "tiwell-mapping"
# 'labels' beside the role, where a person sees it: what a team column's codes stand for.
# ``suggestion``: an item the column nearly matched, pre-filled in instrument and item, so that
# setting the role to item accepts it.
COLUMNS = ["column", "role", "instrument", "item", "labels", "confidence", "evidence", "principle", "reversed",
           "suggestion"]

# Response dates, the tools' own time stamps among them: REDCap '<form>_timestamp', Typeform 'Submitted At' /
# 'Submit Date (UTC)', LimeSurvey 'Date submitted' / 'submitdate', SmartSurvey 'Started' / 'Ended', Jisc
# 'Completion date', Jotform 'Submission Date'.
_DATE_RULE = (r"completion (time|date)|end ?date|recorded ?date|(.* )?timestamp|submitted( at)?|date submitted|"
              r"submitdate|submission date|submit date( utc)?|response date|date|start ?date( utc)?|start time|"
              r"date started|startdate|date last action|datestamp|started|ended|completed at|(started|landed) at|"
              r"stage date( utc)?|last update date")
# The team: 'Team', 'Service area', 'Your department', 'Ward', 'Location of work', 'Which service do you
# work in?', 'Where do you work?' (a pay band, a site or 'Length of service' stays a grouping).
_TEAM_RULE = (r".*\bteam\b.*|((your|my|main) )?(department|dept|directorate|ward|unit|service area|service|office|"
              r"(location|place) of work|work location|work area)|"
              r"which (department|directorate|unit|ward|service|office|area) .*|where do you (mainly |usually )?work( .*)?")
# (role, header pattern on normalised text); the first role whose pattern matches wins.
_ROLE_RULES = (
    ("id", r"id|response id|respondent id|record id|responseid|respondentid|_record id"),
    ("team", _TEAM_RULE),
    ("wave", r".*\b(wave|survey round|round|cycle|survey period|quarter)\b.*"),
    ("date", _DATE_RULE),
    ("group", r".*\b(role|job|grade|band|site|service|location|office|region|area|tenure|contract|profession|"
              r"discipline|shift|length of service|years)\b.*"),
    ("comment", r".*\b(comments?|anything else|tell us|free text|suggestions?|feedback|would like to share|"
                r"what would help|please explain|other thoughts)\b.*"),
)
# Columns the survey tool adds about the response itself (Qualtrics' Finished is 0/1, Progress a percentage;
# LimeSurvey's last page, language and seed; REDCap's completion flags and survey identifier; Typeform's
# token and network id; SmartSurvey's and Jotform's record numbers): never a question, never a comment.
_TOOL_METADATA = (r"finished|progress|status|duration.*|location (latitude|longitude)|distribution channel|"
                  r"user language|collector id|custom data.*|custom value|last modified time|last ?page|"
                  r"start ?language|seed|token|network id|tags|ending|response type|ref ?url|referrer url|"
                  r"(redcap )?survey identifier|redcap .*|complete|user (id|no)|unique id|"
                  r"tracking link|submission id|external (data )?reference|interview time|group time.*")
_REDCAP_FLAG = re.compile(r"[a-z][a-z0-9_]*_complete")  # REDCap's completion flag of a form: 0, 1 or 2
# A question about leaving is an outcome to relate the drivers to, not a driver itself.
_OUTCOME_RULE = r".*\b(leav(e|ing)|quit(ting)?|another job|new job|intention to stay|stay in (this|my) job)\b.*"
# Words that suggest a question's principle; only a suggestion the person confirms or changes.
_PRINCIPLE_WORDS = dict(zip(PRINCIPLE_IDS, (
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
_DATE_PREFERENCE = ("completion time", "completion date", "end date", "enddate", "recorded date", "timestamp",
                    "submitted", "submitted at", "submit date utc", "date submitted", "submitdate", "submission date",
                    "ended", "completed at")
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

    def code_labels(self) -> dict[str, dict[str, str]]:
        """The labels given for each column's codes (columns without labels left out)."""
        rows = self.table.reindex(columns=COLUMNS)
        return {c: parse_labels(t, c) for c, t in zip(rows["column"], rows["labels"]) if isinstance(t, str) and t}

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
                 "reversed": bool(not pd.isna(r.reversed) and r.reversed)} if r.role in TAGGED_ROLES else {}),
             **({"labels": r.labels} if isinstance(r.labels, str) and r.labels else {})}
            for r in self.table.reindex(columns=COLUMNS).itertuples()
        ]
        return json.dumps({"format": MAPPING_FORMAT, "version": 1, "instruments": list(self.instrument_ids),
                           "columns": entries}, indent=2, ensure_ascii=False)


def _suggests(row) -> bool:
    """Whether a row keeps an item suggested (pre-filled) for its column without taking it yet."""
    suggestion = getattr(row, "suggestion", None)  # a table made before suggestions has no such column
    return isinstance(suggestion, str) and bool(suggestion) and not pd.isna(row.item)


def detect_mapping(table: SourceTable, instrument_ids: tuple[str, ...], matches: list[ItemMatch],
                   near: list[NearMiss] = (), code_labels: dict[str, dict[str, str]] | None = None) -> Mapping:
    """Propose a role for every column of the table, given the item matches found. A column in
    ``near`` (most like an item no column matched) is no question of the organisation's own: it
    is kept as it is, with the item pre-filled and suggested for the person to accept (unless its
    header or answers make it a team, wave, date, id or grouping). ``code_labels`` (a data
    dictionary's choices, by field name) label the codes of the columns they name."""
    items = {m.column: m for m in matches}
    nearly = {n.column: n for n in near}
    rows = []
    for column in table.frame.columns:
        if column in items:
            m = items[column]
            rows.append((column, "item", m.instrument, m.item, "", m.confidence, m.evidence, None, False, None))
            continue
        role, confidence, evidence = _other_role(column, table)
        if column in nearly and role in _SUGGESTIBLE:
            rows.append(_suggested(column, nearly[column]))
            continue
        principle = suggest_principle(table.headers.get(column, (column,))) if role == "driver" else None
        if principle:
            evidence += f"; its wording suggests {principle}"
        rows.append((column, role, None, None, "", confidence, evidence, principle, False, None))
    frame = pd.DataFrame(rows, columns=COLUMNS).astype({"item": "Int64", "confidence": float})
    frame = _free_text_is_no_grouping(_keep_one_of_each(frame), table)
    return Mapping(tuple(instrument_ids), _with_code_labels(frame, code_labels or {}))


def _suggested(column: str, near: NearMiss) -> tuple:
    """A mapping row for a column that nearly matched an item: kept as it is, the item pre-filled."""
    return (column, "other", near.instrument, near.item, "", round(near.similarity / 100, 2),
            f"{near.similarity:.0f}% like the statement of item {near.item}, under the {MIN_SIMILARITY}% needed; "
            "set the role to item to accept it", None, False, f"item {near.item} ({near.similarity:.0f}% alike)")


def _other_role(column: str, table: SourceTable) -> tuple[str, float, str]:
    """The tool's own records first, then the header rules, except that answers on a labelled scale
    (agreement, frequency, yes/no) overrule a team, grouping or comment header ('my team', 'feedback'):
    they make a driver, or an outcome when the header is about leaving. Answers in plain numbers make
    a driver only when no rule claimed the header (a pay band or years of service is a grouping)."""
    parts = [normalise(p) for p in table.headers.get(column, (column,)) if not p.startswith("{")]
    if _is_tool_record(table.headers.get(column, (column,)), parts):
        return "ignore", 0.8, "the survey tool's own record of the response, not an answer"
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


def _is_tool_record(header: tuple[str, ...], parts: list[str]) -> bool:
    """A column the tool adds about the response (its dates aside): by its header, by Typeform's
    '#' for the response token, or by REDCap's '<form>_complete' field name (an organisation's
    'my work is complete' question is none of these)."""
    if header[:1] == ("#",) or any(_REDCAP_FLAG.fullmatch(h) for h in header):
        return True
    return any(re.fullmatch(_TOOL_METADATA, part) for part in parts) and not _is_date_header(parts)


def _is_date_header(parts: list[str]) -> bool:
    return any(re.fullmatch(_DATE_RULE, part) for part in parts)


def _with_code_labels(frame: pd.DataFrame, code_labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """Labels from ``code_labels`` (by column name) on the non-item columns they name (items are
    read on their instrument's scale)."""
    frame = frame.copy()
    for index, column, role in zip(frame.index, frame["column"], frame["role"]):
        if code_labels.get(column) and role != "item":
            frame.at[index, "labels"] = format_labels(code_labels[column])
    return frame


def ask_for_labels(mapping: Mapping, frame: pd.DataFrame) -> tuple[Mapping, list[str]]:
    """The final mapping with evidence asking for the labels of each team, grouping or unplaced
    column whose answers are codes without labels, and a note for each team and grouping among
    them: the results would show '3' for a team."""
    table, labels, notes = mapping.table.copy(), mapping.code_labels(), []
    for index, column, role in zip(table.index, table["column"], table["role"]):
        missing = unlabelled_codes(frame[column], labels.get(column, {})) if role in LABELLED_ROLES else []
        if not missing:
            continue
        example = f"'{missing[0]}, name | {missing[-1]}, name'"
        table.at[index, "evidence"] += f"; its answers are codes ({some_codes(missing)}) with no labels: write " \
                                       f"them under labels, as {example}"
        if role in ("team", "group"):
            notes.append(f"Column '{column}' ({'the team' if role == 'team' else 'a grouping'}) holds codes "
                         f"({some_codes(missing)}) with no labels, so they are shown as codes: write them in the "
                         f"mapping table's labels ({example}) or give the survey's REDCap data dictionary.")
    return Mapping(mapping.instrument_ids, table), notes


def _preferred(columns: pd.Series, role: str):
    """The column that keeps a role several headers claim: for the team, one that says 'team'
    (a 'Directorate' beside it becomes a grouping); for the date, the submission time."""
    if role == "team":
        return next((i for i, name in columns.items() if re.search(r"\bteam\b", normalise(name))), columns.index[0])
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
    frame["labels"] = frame["labels"].astype(object).where(frame["labels"].notna(), "").astype(str).str.strip()
    mapping = Mapping(tuple(instruments), frame.reset_index(drop=True))
    mapping.code_labels()  # a label that cannot be read stops here, naming its column
    return mapping


def _tags(frame: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Principle and reversed flag, checked; kept only on drivers and outcomes."""
    tagged = frame["role"].isin(TAGGED_ROLES)
    principle = frame["principle"].astype(object)
    principle = principle.where(principle.notna() & principle.ne(""), None)
    bad = principle[tagged & principle.notna() & ~principle.isin(PRINCIPLE_IDS)]
    if len(bad):
        column = frame.loc[bad.index[0], "column"]
        raise MappingError(f"Column '{column}' is tagged '{bad.iloc[0]}', which is not one of the principles: "
                           f"{'; '.join(PRINCIPLE_IDS)}.", column=column)
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
