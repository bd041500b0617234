"""The scoring core end to end: upload bytes in, one scored row per respondent out.

``load_table`` reads the upload and picks the sheet and the instruments in it; ``score_table``
maps, validates and scores. Both are pure functions of their arguments, so the dashboard caches
each on its own and a mapping edit re-scores without re-reading the file. One upload may hold
several instruments (ProQOL 5 and the CBI in one survey): each is scored, one row per respondent.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from tiwell.scoring.answers import read_answers, read_driver
from tiwell.text.answer_scales import DriverScale, scale_of
from tiwell.errors import IngestError, MappingError
from tiwell.ingest.header_blocks import without_rows
from tiwell.ingest.tables import SourceTable, read_tables
from tiwell.instruments.load import Instrument, builtin_instruments, load_instrument
from tiwell.mapping.header_rows import foreign_headers
from tiwell.mapping.items import ItemMatch, NearMiss, detect_items, find_instruments, near_misses
from tiwell.mapping.labels import relabel
from tiwell.mapping.roles import Mapping, ask_for_labels, detect_mapping
from tiwell.mapping.saved import apply_saved, read_mapping_file
from tiwell.findings import Code, Finding, cell_value, finding, findings_frame
from tiwell.scoring.scores import STATUSES, score
from tiwell.scoring.dates import BLANKS, date_findings, read_dates
from tiwell.scoring.waves import waves_from_dates
from tiwell.survey import ScoredSurvey

# Detection tries instruments in this order, so a tie (16 plain-numbered columns fit both
# the OLBI and the MBI-GS) goes to the more commonly used one, with a note.
DETECTION_ORDER = ("proqol5", "mbi_hss", "cbi", "stss", "olbi", "mbi_gs", "mbi_es", "single_item_burnout")


@dataclass(frozen=True)
class ScoringChoices:
    """Everything a person chooses about reading and scoring an upload, besides the file itself:
    one hashable value, so a cache keyed on it is keyed on every choice. ``instruments`` names
    built-in or custom ids (the custom ones' TOML text in ``custom_tomls``); ``mapping_json`` is a
    saved or edited mapping; ``band_sets`` names cut points per instrument,
    ``((instrument_id, band_set_id), ...)``; ``id_key`` keeps employee numbers as private codes;
    ``month_first`` reads a date column that could be read either way as 03/02/2026 = 2 March."""

    sheet: str | None = None
    instruments: tuple[str, ...] = ()
    custom_tomls: tuple[str, ...] = ()
    mapping_json: str | None = None
    band_sets: tuple[tuple[str, str], ...] = ()
    id_key: bytes | None = None
    month_first: bool = False

    @property
    def reading(self) -> ScoringChoices:
        """The choices reading the file depends on: the same for every mapping and set of cut
        points and date order, so a mapping edit re-scores without re-reading."""
        return replace(self, mapping_json=None, band_sets=(), month_first=False)


Matched = tuple[list[ItemMatch], list[str]]  # columns matched to items, and notes on ambiguity


def load_table(data: bytes, filename: str, *, sheet: str | None = None, instruments: tuple[Instrument, ...] = (),
               also_detect: tuple[Instrument, ...] = (),
               id_key: bytes | None = None) -> tuple[SourceTable, tuple[Instrument, ...], Matched]:
    """The first sheet that holds an instrument's items, the instruments found there, and their
    columns matched to items with notes on the choice: matched once, here, for :func:`score_table`
    and every re-scoring with another mapping or other cut points. Without ``instruments`` every
    built-in one is tried, and the user's own definitions in ``also_detect``. ``id_key`` keeps an
    employee number as private codes (``table.person_codes``), for comparing later leavers with
    stayers."""
    candidates = list(instruments) or builtins_in_order() + list(also_detect)
    looked = []
    for table in read_tables(data, filename, sheet, id_key):
        found, matched = find_instruments(table.headers, candidates, chosen=bool(instruments))
        if found:
            return table, found, matched
        looked.append(table.where)
    names = " or ".join(inst.short_name for inst in candidates) if instruments else "instrument"
    raise IngestError(
        f"No {names} items were found in {' / '.join(looked) or filename}. tiwell looks for headers numbered "
        "like Q1, Q2_1, item 1, ProQOL_1 or 1., or for the statements' own text; give a mapping file "
        "(--map) or choose the instrument if your export names them differently.", file=filename,
    )


def builtins_in_order() -> list[Instrument]:
    """The built-in instruments, most used first (the order detection tries them in)."""
    builtins = {inst.id: inst for inst in builtin_instruments()}
    return [builtins[i] for i in DETECTION_ORDER if i in builtins] + [
        inst for i, inst in builtins.items() if i not in DETECTION_ORDER]


def score_table(table: SourceTable, instruments: tuple[Instrument, ...], saved_mapping: str | None = None,
                band_sets: dict[str, str] | None = None, matched: Matched | None = None, *,
                month_first: bool = False, code_labels: dict[str, dict[str, str]] | None = None) -> ScoredSurvey:
    """Map (laying a saved or edited mapping over what was detected), read the answers, score
    every instrument, and report every finding. ``band_sets`` picks named cut points per instrument.
    ``matched`` is what :func:`load_table` matched; without it the columns are matched here.
    ``month_first`` reads a date column that could be read either way as 03/02/2026 = 2 March;
    ``code_labels`` (a data dictionary's, by column) label the codes of the columns they name."""
    by_id = {inst.id: inst for inst in instruments}
    matches, notes = matched or detect_items(table.headers, list(instruments), chosen=True)
    near = near_misses(table.headers, list(instruments), matches)
    mapping = detect_mapping(table, tuple(by_id), matches, near, code_labels)
    if saved_mapping:
        mapping, more = apply_saved(mapping, read_mapping_file(saved_mapping), by_id)
        _check_scores_something(mapping, instruments, table, more)
        notes = notes + more
    mapping, label_notes = ask_for_labels(mapping, table.frame)
    notes = notes + label_notes
    names = score_column_names(instruments)
    answers, blocks, findings = {}, [], []
    for inst in instruments:
        given, problems = read_answers(table.frame, mapping.item_columns(inst.id), inst.scale)
        answers[inst.id] = given.reindex(columns=list(inst.item_numbers))
        band_set = inst.band_set(band_sets[inst.id]) if band_sets and band_sets.get(inst.id) else None
        blocks.append(score(answers[inst.id], inst, band_set))
        findings += problems
    pasted = foreign_headers(table, findings, tuple(instruments))
    if pasted:  # another export's header among the answers: scored again without it and the rows below
        return score_table(without_rows(table, pasted), instruments, saved_mapping, band_sets, month_first=month_first)
    respondents, wave_findings = _respondent_columns(table.frame, mapping, month_first)
    scores = _combine(blocks, instruments, names)
    scored = pd.concat([respondents, scores], axis=1).reset_index()
    questions, scales, question_findings = read_questions(table.frame, mapping)
    report = findings_frame(_file_findings(table, mapping, instruments, notes, near) + findings + question_findings
                            + wave_findings + _row_findings(scores), file=table.filename, sheet=table.sheet)
    return ScoredSurvey(scored, answers, mapping, tuple(instruments), table, report, tuple(notes), names,
                        questions.reset_index(drop=True), scales,
                        band_sets={i: b for i, b in (band_sets or {}).items() if b and i in by_id})


def _check_scores_something(mapping: Mapping, instruments: tuple[Instrument, ...], table: SourceTable,
                            notes: list[str]) -> None:
    """A saved mapping that leaves no item column for any instrument would score nobody and look
    like a file of blank answers: it is refused, in one sentence."""
    if any(mapping.item_columns(inst.id) for inst in instruments):
        return
    items = " or ".join(f"the {len(inst.items)} {inst.short_name} items" for inst in instruments)
    why = " " + notes[0] if notes else ""
    raise MappingError(f"With this mapping, no column of {table.where} is one of {items} (0 of "
                       f"{sum(len(inst.items) for inst in instruments)}), so nobody could be scored.{why} "
                       "Score it without the mapping, or fix the mapping's item columns.", file=table.filename)


def read_questions(frame: pd.DataFrame, mapping: Mapping) -> tuple[pd.DataFrame, dict[str, DriverScale], list[Finding]]:
    """Drivers' and outcomes' answers as numbers on the scale that reads most of them; a column
    set to a driver that holds no scale answers at all is reported and left out."""
    tagged = mapping.table[mapping.table["role"].isin(["driver", "outcome"])]
    columns, scales, findings = {}, {}, []
    for column, reversed_ in zip(tagged["column"], tagged["reversed"]):
        scale = scale_of(frame[column], strict=False)
        if scale is None:
            findings.append(finding(Code.NOT_A_SCALE, f"Column '{column}' is set as a question of your own, but its "
                                    "answers are not on an agreement, frequency, yes/no or number scale, so it is "
                                    "left out.", column=column))
            continue
        columns[column], found = read_driver(frame[column], scale, bool(reversed_))
        scales[column] = scale
        findings += found
    return pd.DataFrame(columns, index=frame.index), scales, findings


def score_file(data: bytes, filename: str, *, instruments: tuple[str | Instrument, ...] = (),
               sheet: str | None = None, saved_mapping: str | None = None,
               band_sets: dict[str, str] | None = None, month_first: bool = False,
               code_labels: dict[str, dict[str, str]] | None = None) -> ScoredSurvey:
    """Read, map, validate and score an upload in one call (the CLI's and a notebook's way in)."""
    chosen = tuple(load_instrument(i) if isinstance(i, str) else i for i in instruments)
    if saved_mapping and not chosen:
        chosen = tuple(load_instrument(i) for i in read_mapping_file(saved_mapping)["instruments"])
    table, found, matched = load_table(data, filename, sheet=sheet, instruments=chosen)
    return score_table(table, found, saved_mapping, band_sets, matched, month_first=month_first,
                       code_labels=code_labels)


# ---------------------------------------------------------------- assembling the output


def score_column_names(instruments: tuple[Instrument, ...]) -> dict[tuple[str, str], str]:
    """Each subscale's column: its id, or ``<instrument>_<id>`` where two instruments in the
    same upload share an id (the OLBI's and the MBI-GS's ``exhaustion``)."""
    seen: dict[str, int] = {}
    for inst in instruments:
        for sub in inst.subscales:
            seen[sub.id] = seen.get(sub.id, 0) + 1
    return {(inst.id, sub.id): sub.id if seen[sub.id] == 1 else f"{inst.id}_{sub.id}"
            for inst in instruments for sub in inst.subscales}


def _combine(blocks: list[pd.DataFrame], instruments: tuple[Instrument, ...], names: dict) -> pd.DataFrame:
    """One frame of every instrument's scores, with an overall status (the worst of them) and
    reason; with several instruments each keeps its own ``<id>_status`` and ``<id>_reason``."""
    renamed = []
    for block, inst in zip(blocks, instruments):
        mapping = {}
        for sub in inst.subscales:
            mapping[sub.id] = names[(inst.id, sub.id)]
            mapping[f"{sub.id}_band"] = f"{names[(inst.id, sub.id)]}_band"
        if len(instruments) > 1:
            mapping |= {"status": f"{inst.id}_status", "reason": f"{inst.id}_reason"}
        renamed.append(block.rename(columns=mapping))
    if len(instruments) == 1:
        return renamed[0]
    combined = pd.concat(renamed, axis=1)
    statuses = pd.concat([combined[f"{i.id}_status"].cat.codes for i in instruments], axis=1).max(axis=1)
    combined["status"] = pd.Categorical.from_codes(statuses, categories=STATUSES)
    reasons = [(i.short_name, combined[f"{i.id}_reason"].astype(str)) for i in instruments]
    combined["reason"] = _join_reasons(reasons)
    return combined


def _join_reasons(reasons: list[tuple[str, pd.Series]]) -> pd.Series:
    parts = [(name + ": " + text).where(text != "", "") for name, text in reasons]
    joined = parts[0]
    for part in parts[1:]:
        joined = (joined + "; " + part).where((joined != "") & (part != ""), joined + part)
    return joined


def _respondent_columns(frame: pd.DataFrame, mapping: Mapping, month_first: bool) -> tuple[pd.DataFrame, list[Finding]]:
    """The input's non-item columns, team and wave under those names, a wave from the dates
    when the export has no wave column, and how the dates were read."""
    keep = mapping.table.loc[~mapping.table["role"].isin(["item", "ignore"]), "column"].tolist()
    labelled = {c: relabel(frame[c], labels) for c, labels in mapping.code_labels().items() if c in keep}
    out = frame[keep].assign(**labelled)
    out = out.rename(columns={mapping.column_for("team"): "team", mapping.column_for("wave"): "wave"})
    findings = []
    date_column = mapping.column_for("date")
    if mapping.column_for("wave") is None and date_column is not None:
        dates, reading = read_dates(frame[date_column], month_first)
        waves = waves_from_dates(dates)
        out.insert(out.columns.get_loc(date_column) + 1, "wave", waves)
        blank = frame[date_column].fillna("").str.strip().str.lower().isin(BLANKS)
        findings = date_findings(date_column, reading) + [
            finding(Code.NO_WAVE, "No date was given, so this row has no wave." if blank[row] else
                    "The date could not be read, so this row has no wave.", row=row, column=date_column,
                    value=cell_value(frame.at[row, date_column])[0]) for row in waves.index[waves.isna()]]
    return out, findings


def _file_findings(table: SourceTable, mapping: Mapping, instruments, notes: list[str],
                   near: list[NearMiss]) -> list[Finding]:
    headers = ", ".join(map(str, table.header_rows))
    out = [finding(Code.PERSONAL_DATA_DROPPED, f"Column '{column}' was removed on reading: {why}.", column=column)
           for column, why in table.dropped]
    out.append(finding(Code.HEADER_ROWS, f"Header row(s) {headers} read as the header ({table.layout_name} layout).",
                       value=headers))
    out += [finding(Code.BLANK_ROW, "Blank row skipped.", row=row) for row in table.blank_rows]
    out += _pasted_header_findings(table)
    out += _missing_item_findings(mapping, instruments, near)
    out += [finding(Code.MAPPING_NOTE, note) for note in notes]
    return out


def _pasted_header_findings(table: SourceTable) -> list[Finding]:
    """Each header row inside the data by its row, and the first of the rows set aside below one."""
    pasted = table.pasted_headers
    return ([finding(Code.HEADER_IN_DATA, header.sentence, row=row) for header in pasted for row in header.rows]
            + [finding(Code.ROWS_SET_ASIDE, header.sentence, row=header.data_rows[0]) for header in pasted
               if header.refused and header.data_rows])


def _missing_item_findings(mapping: Mapping, instruments, near: list[NearMiss]) -> list[Finding]:
    """Each item no column holds: with the closest column when the mapping suggests one."""
    suggested = set(mapping.table.loc[mapping.table["suggestion"].notna(), "column"])
    nearest = {(n.instrument, n.item): n for n in near if n.column in suggested}
    out = []
    for inst in instruments:
        found = mapping.item_columns(inst.id)
        out += [_near_miss(inst, nearest[(inst.id, n)]) if (inst.id, n) in nearest else
                finding(Code.ITEM_NOT_FOUND, f"No column holds {inst.short_name} item {n}; it counts as unanswered "
                                             "for everyone.", value=str(n))
                for n in inst.item_numbers if n not in found]
    return out


def _near_miss(inst: Instrument, near: NearMiss) -> Finding:
    statement = next(item.text for item in inst.items if item.number == near.item)
    return finding(Code.ITEM_NEAR_MISS, f"{inst.short_name} item {near.item} ('{statement}') was not found; the "
                   f"closest column is '{near.column}' ({near.similarity:.0f}% alike). Accept it in the column "
                   "mapping (set its role to item), or with a mapping file (--map).", column=near.column,
                   value=str(near.item))


def _row_findings(scores: pd.DataFrame) -> list[Finding]:
    """A finding for each row prorated or not scored; its code is the row's status."""
    rows = scores[scores["status"] != "scored"]
    return [finding(status, reason, row=row) for row, status, reason in zip(rows.index, rows["status"], rows["reason"])]
