"""The scoring core end to end: upload bytes in, one scored row per respondent out.

``load_table`` reads the upload and picks the sheet and instrument; ``score_table`` maps,
validates and scores it. Both are pure functions of their arguments, so the dashboard caches
each on its own and a mapping edit re-scores without re-reading the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tiwell.ingest import IngestError, SourceTable, read_tables
from tiwell.instrument import Instrument, builtin_instruments, load_instrument
from tiwell.item_match import match_items
from tiwell.mapping import Mapping, apply_saved, detect_mapping, read_mapping_file
from tiwell.report import issues_frame
from tiwell.scoring import score
from tiwell.validate import read_answers
from tiwell.waves import parse_dates, waves_from_dates

MIN_SHARE_FOUND = 0.5


@dataclass(frozen=True)
class ScoredSurvey:
    """Everything a page, the CLI or a notebook needs about one scored upload."""

    scored: pd.DataFrame          # one row per respondent: row, kept columns, scores, bands, status, reason
    answers: pd.DataFrame         # answers as given (not reversed), one column per item number
    mapping: Mapping
    instrument: Instrument
    table: SourceTable
    issues: pd.DataFrame
    notes: tuple[str, ...] = field(default=())

    @property
    def counts(self) -> dict[str, int]:
        """Respondents by status, and in all."""
        counts = self.scored["status"].value_counts().to_dict()
        return {s: int(counts.get(s, 0)) for s in ("scored", "prorated", "not_scored")} | {"respondents": len(self.scored)}


def load_table(data: bytes, filename: str, *, sheet: str | None = None,
               instrument: Instrument | None = None) -> tuple[SourceTable, Instrument, str]:
    """The first sheet that holds an instrument's items, that instrument, and a sentence on
    how it was chosen. Without ``instrument`` every built-in one is tried."""
    candidates = (instrument,) if instrument else builtin_instruments()
    looked = []
    for table in read_tables(data, filename, sheet):
        found = [(len(match_items(table.headers, inst)), inst) for inst in candidates]
        n, best = max(found, key=lambda f: f[0] / len(f[1].items))
        if n >= MIN_SHARE_FOUND * len(best.items):
            how = "as you chose" if instrument else "detected from the columns"
            return table, best, f"{best.short_name} ({how}: {n} of {len(best.items)} items found in {table.where})."
        looked.append(table.where)
    names = " or ".join(inst.short_name for inst in candidates)
    raise IngestError(
        f"No {names} items were found in {' / '.join(looked) or filename}. tiwell looks for headers numbered "
        "like Q1, Q2_1, item 1, ProQOL_1 or 1., or for the statements' own text; give a mapping file "
        "(--map) if your export names them differently."
    )


def score_table(table: SourceTable, instrument: Instrument, saved_mapping: str | None = None,
                mapping: Mapping | None = None) -> ScoredSurvey:
    """Map (or use the given mapping), read the answers, score, and report every finding."""
    notes = []
    if mapping is None:
        mapping = detect_mapping(table, instrument)
        if saved_mapping:
            mapping, notes = apply_saved(mapping, read_mapping_file(saved_mapping), instrument)
    answers, findings = read_answers(table.frame, mapping.item_columns, instrument.scale)
    answers = answers.reindex(columns=list(instrument.item_numbers))
    scores = score(answers, instrument)
    respondents, wave_findings = _respondent_columns(table.frame, mapping)
    scored = pd.concat([respondents, scores], axis=1).reset_index()
    issues = issues_frame(_file_findings(table, mapping, instrument, notes) + findings + wave_findings
                          + _row_findings(scores), file=table.filename, sheet=table.sheet)
    return ScoredSurvey(scored, answers, mapping, instrument, table, issues, tuple(notes))


def score_file(data: bytes, filename: str, *, instrument: str | Instrument | None = None,
               sheet: str | None = None, saved_mapping: str | None = None) -> ScoredSurvey:
    """Read, map, validate and score an upload in one call (the CLI's and a notebook's way in)."""
    if isinstance(instrument, str):
        instrument = load_instrument(instrument)
    if saved_mapping and instrument is None:
        saved_id = read_mapping_file(saved_mapping).get("instrument")
        instrument = load_instrument(saved_id) if saved_id else None
    table, chosen, _ = load_table(data, filename, sheet=sheet, instrument=instrument)
    return score_table(table, chosen, saved_mapping)


# ---------------------------------------------------------------- assembling the output


def _respondent_columns(frame: pd.DataFrame, mapping: Mapping) -> tuple[pd.DataFrame, list[dict]]:
    """The input's non-item columns, team and wave under those names, a wave from the dates
    when the export has no wave column."""
    keep = mapping.table.loc[~mapping.table["role"].isin(["item", "ignore"]), "column"].tolist()
    out = frame[keep].rename(columns={mapping.column_for("team"): "team", mapping.column_for("wave"): "wave"})
    findings = []
    date_column = mapping.column_for("date")
    if mapping.column_for("wave") is None and date_column is not None:
        waves = waves_from_dates(parse_dates(frame[date_column]))
        out.insert(out.columns.get_loc(date_column) + 1, "wave", waves)
        findings = [{"severity": "warning", "code": "no_wave", "row": row, "column": date_column,
                     "value": frame.at[row, date_column],
                     "message": "The date could not be read, so this row has no wave."} for row in waves.index[waves.isna()]]
    return out, findings


def _file_findings(table: SourceTable, mapping: Mapping, instrument: Instrument, notes: list[str]) -> list[dict]:
    out = [{"severity": "info", "code": "personal_data_dropped", "column": column,
                   "message": f"Column '{column}' was removed on reading: {why}."} for column, why in table.dropped]
    out.append({"severity": "info", "code": "header_rows", "value": ", ".join(map(str, table.header_rows)),
                       "message": f"Header row(s) {', '.join(map(str, table.header_rows))} read as the header "
                                  f"({table.layout.replace('_', ' ')} layout)."})
    out += [{"severity": "info", "code": "blank_row", "row": row, "message": "Blank row skipped."}
            for row in table.blank_rows]
    found = mapping.item_columns
    out += [{"severity": "warning", "code": "item_not_found", "value": str(n),
                    "message": f"No column holds {instrument.short_name} item {n}; it counts as unanswered for everyone."}
            for n in instrument.item_numbers if n not in found]
    out += [{"severity": "warning", "code": "mapping_note", "message": note} for note in notes]
    return out


def _row_findings(scores: pd.DataFrame) -> list[dict]:
    rows = scores[scores["status"] != "scored"]
    return [{"severity": "error" if status == "not_scored" else "info", "code": status,
                    "row": row, "message": reason}
            for row, status, reason in zip(rows.index, rows["status"], rows["reason"])]
