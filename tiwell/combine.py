"""Several exports, one survey: one file per wave (``wellbeing_2024.xlsx``, ``wellbeing_2025.xlsx``)
scored as one survey with trends.

Each file is read on its own (:func:`tiwell.pipeline.load_table`: its own header rows, layout,
instruments and column matches) and scored on its own (:func:`tiwell.pipeline.score_table`), so a
file whose columns are in another order or whose questions were reworded is read as right as it
would be alone. Only then are the scored rows put together, and columns are matched by their
role, not their header: a team question reworded between years ('Which team do you work in?',
then 'Which part of the organisation are you in?') is still the team. Team names written two
ways ('Early help', 'Early Help') become one team. Every row keeps its ``source`` file and its spreadsheet
``row`` in that file, and every finding its file, so anything can be traced back.

A file with response dates takes its waves from them; one with neither dates nor a wave column is
one wave, named by the person (by default the file's name without its extension).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import PurePath

import pandas as pd
from rapidfuzz import fuzz

from tiwell.errors import CombineError, MappingError
from tiwell.findings import Code, Finding, finding, findings_frame
from tiwell.ingest.tables import SourceTable
from tiwell.instruments.load import Instrument, load_instrument
from tiwell.mapping.roles import COLUMNS, SINGLE_ROLES, Mapping
from tiwell.mapping.saved import read_mapping_file
from tiwell.pipeline import Matched, load_table, score_table
from tiwell.survey import ScoredSurvey
from tiwell.text.spelling import normalise
from tiwell.text.team_names import match_teams

Loaded = tuple[SourceTable, tuple[Instrument, ...], Matched]  # what load_table gives for one file
RENAMED_ROLES = {"team": "team", "wave": "wave"}  # roles the scored table already names by role
SAME_QUESTION_SCORE = 90
TEAM_ANSWERS_SHARE = 0.5  # a file's grouping whose answers are mostly other files' teams is its team  # how alike two headers of one role must be to be one question across files


@dataclass(frozen=True)
class CombinedSurvey:
    """Several files as one survey, and each file as it was scored on its own."""

    survey: ScoredSurvey            # every file's rows: ``source`` and ``row`` first, columns matched by role
    parts: tuple[ScoredSurvey, ...]  # each file scored alone, in the order given
    columns: pd.DataFrame           # the combined column each file's column became: COMBINED_COLUMNS
    wave_labels: tuple[tuple[str, str], ...] = ()  # (file, wave) for files that had no dates or wave column
    left_out: tuple[tuple[str, str], ...] = ()     # (file, instrument) a file holds that not every file does

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(part.table.filename for part in self.parts)

    def file_summary(self) -> pd.DataFrame:
        """Per file: respondents read, their waves, and where the waves came from."""
        labelled = dict(self.wave_labels)
        rows = []
        for part in self.parts:
            name = part.table.filename
            mine = self.survey.scored.loc[self.survey.scored["source"] == name, "wave"]
            waves = ", ".join(map(str, sorted(mine.dropna().unique(), key=str))) or "none"
            date = part.mapping.column_for("date")
            came = ("your label for this file" if name in labelled else
                    "the wave column" if part.mapping.column_for("wave") else f"the dates in '{date}'")
            rows.append((name, part.table.sheet or "", len(part.scored), waves, came))
        return pd.DataFrame(rows, columns=["file", "sheet", "respondents", "waves", "waves from"])

    def mapping_table(self) -> pd.DataFrame:
        """Every file's mapping in one table, a ``file`` column first, and each question's rows
        from all the files next to each other: the team of each file one under another, then item 1
        of each file, so a person sees at a glance that the files were read alike."""
        frames = [part.mapping.table.assign(file=part.table.filename) for part in self.parts]
        table = pd.concat(frames, ignore_index=True)
        combined = dict(zip(zip(self.columns["file"], self.columns["header"]), self.columns["column"]))
        by_header = dict(zip(self.columns["header"], self.columns["column"]))  # a column one file left out
        first = {name: k for k, name in enumerate(dict.fromkeys(self.columns["column"]))}
        names = [combined.get((f, c), by_header.get(c)) for f, c in zip(table["file"], table["column"])]
        key = [("item", inst, item) if role == "item" else ("kept", first[name], "") if name in first else ("own", c)
               for name, c, role, inst, item in zip(names, table["column"], table["role"], table["instrument"],
                                                    table["item"])]
        position = {k: n for n, k in enumerate(dict.fromkeys(key))}
        order = sorted(range(len(table)), key=lambda n: (position[key[n]], n))
        return table.iloc[order][["file", *COLUMNS]].reset_index(drop=True)


COMBINED_COLUMNS = ["column", "role", "file", "header", "evidence"]


def wave_label_for(filename: str) -> str:
    """The wave a file without dates is, unless the person names it: its name without extension."""
    return PurePath(filename).stem


def header_shape(columns) -> str:
    """A short fingerprint of a file's headers (normalised, in order): next year's export with the
    same headers has the same shape, so its saved mapping can be found again."""
    text = "\x1f".join(normalise(str(c)) for c in columns)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def shared_instruments(loaded: list[Loaded]) -> tuple[Instrument, ...]:
    """The instruments every file holds, in the first file's order; files sharing none cannot be
    one survey (a CombineError naming what each holds)."""
    ids = set.intersection(*({inst.id for inst in found} for _, found, _ in loaded))
    shared = tuple(inst for inst in loaded[0][1] if inst.id in ids)
    if not shared:
        held = "; ".join(f"{table.filename} holds {', '.join(i.short_name for i in found)}" for table, found, _ in loaded)
        raise CombineError(f"These files cannot be combined into one survey: they share no instrument ({held}).")
    return shared


def score_loaded(loaded: list[Loaded], *, mappings: dict[str, str] | None = None,
                 wave_labels: dict[str, str] | None = None, band_sets: dict[str, str] | None = None,
                 month_first: bool = False) -> CombinedSurvey:
    """Score each read file on the instruments they all hold (``mappings``: a saved or edited
    mapping per file name) and combine them. ``wave_labels`` names the wave of a file without dates."""
    names = [table.filename for table, _, _ in loaded]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise CombineError(f"Two of the files are both named '{twice[0]}'; rename one so each row can say its file.")
    shared = shared_instruments(loaded)
    ids = {inst.id for inst in shared}
    parts = []
    for table, _, (matches, notes) in loaded:
        mine = ([m for m in matches if m.instrument in ids], notes)
        try:
            parts.append(score_table(table, shared, (mappings or {}).get(table.filename), band_sets, mine,
                                     month_first=month_first))
        except MappingError as exc:  # say which file's mapping it is: each file has its own
            raise MappingError(f"{table.filename}: {exc}", file=table.filename, column=exc.column) from None
    left = tuple((table.filename, inst.short_name) for table, found, _ in loaded for inst in found if inst.id not in ids)
    return replace(combine(parts, wave_labels or {}), left_out=left)


def score_files(files: list[tuple[bytes, str]], *, instruments: tuple[str | Instrument, ...] = (),
                sheet: str | None = None, saved_mapping: str | None = None, wave_labels: dict[str, str] | None = None,
                band_sets: dict[str, str] | None = None, month_first: bool = False) -> CombinedSurvey:
    """Read, score and combine several uploads in one call (the CLI's way in); ``saved_mapping`` is
    laid over every file's detected mapping."""
    chosen = tuple(load_instrument(i) if isinstance(i, str) else i for i in instruments)
    if saved_mapping and not chosen:
        chosen = tuple(load_instrument(i) for i in read_mapping_file(saved_mapping)["instruments"])
    names = [name for _, name in files]
    loaded = [load_table(data, name, sheet=sheet, instruments=chosen) for data, name in files]
    return score_loaded(loaded, mappings={name: saved_mapping for name in names} if saved_mapping else None,
                        wave_labels=wave_labels, band_sets=band_sets, month_first=month_first)


# ---------------------------------------------------------------- putting the files together


def combine(parts: list[ScoredSurvey], wave_labels: dict[str, str]) -> CombinedSurvey:
    """The scored files as one survey: columns matched by role, teams by name, each row's file."""
    unknown = sorted(set(wave_labels) - {p.table.filename for p in parts})
    if unknown:
        raise CombineError(f"A wave label is given for '{unknown[0]}', which is not one of the files "
                           f"({', '.join(p.table.filename for p in parts)}).")
    labelled = [(p.table.filename, wave_labels.get(p.table.filename) or wave_label_for(p.table.filename))
                for p in parts if "wave" not in p.scored]
    labels = dict(labelled)
    parts = teams_by_answers(parts)
    columns = match_columns(parts)
    names = {(f, h): c for f, h, c in zip(columns["file"], columns["header"], columns["column"])}
    scored, questions, findings = [], [], []
    teams: list[str] = []
    for part in parts:
        name = part.table.filename
        rename = {h: names[(name, h)] for h in part.scored.columns if (name, h) in names}
        frame = part.scored.rename(columns=rename)
        if name in labels:
            frame.insert(1, "wave", pd.Series(labels[name], index=frame.index, dtype="string"))
        frame, found = _same_teams(frame, teams, name)
        scored.append(frame.assign(source=name))
        questions.append(part.questions.rename(columns=rename))
        found += _column_findings(columns, name)
        if name in labels:
            found.append(finding(Code.WAVE_LABELLED, f"{name} has no dates and no wave column, so its "
                                                     f"{len(frame)} rows are one wave: '{labels[name]}'.",
                                 value=labels[name]))
        findings += [part.findings, findings_frame(found, file=name, sheet=part.table.sheet)]
    first = parts[0]
    survey = replace(
        first, scored=_in_order(scored, first), answers=_answers(parts), mapping=_mapping(parts, columns),
        table=_table(parts, columns), findings=pd.concat(findings, ignore_index=True),
        notes=tuple(f"{p.table.filename}: {note}" for p in parts for note in p.notes),
        questions=pd.concat(questions, ignore_index=True),
        question_scales={names.get((p.table.filename, c), c): s for p in reversed(parts)
                         for c, s in p.question_scales.items()})
    return CombinedSurvey(survey, tuple(parts), columns, tuple(labelled))


def teams_by_answers(parts: list[ScoredSurvey]) -> list[ScoredSurvey]:
    """A file with no team column whose grouping's answers are mostly the other files' teams has its
    team question reworded ('Which part of the organisation are you in?'): that column becomes its
    team, with the evidence. A column a person set the role of (confidence 1) is left as they set it."""
    known = {normalise(t) for p in parts if "team" in p.scored for t in p.scored["team"].dropna().unique() if t}
    if not known:
        return parts
    out = []
    for part in parts:
        table = part.mapping.table
        candidates = table[table["role"].isin(["group", "other"]) & (table["confidence"] < 1)]
        best, share, count = None, 0.0, 0
        for column in candidates["column"] if "team" not in part.scored else ():
            answers = {normalise(v) for v in part.scored[column].dropna().unique() if v}
            hits = len(answers & known)
            if len(answers) >= 2 and hits / len(answers) > share:
                best, share, count = column, hits / len(answers), hits
        if best is None or share < TEAM_ANSWERS_SHARE:
            out.append(part)
            continue
        table = table.copy()
        table.loc[table["column"] == best, ["role", "confidence", "evidence"]] = [
            "team", 0.8, f"its answers are the other files' teams ({count} of "
                         f"{round(count / share)} names): the team question reworded"]
        out.append(replace(part, mapping=Mapping(part.mapping.instrument_ids, table),
                           scored=part.scored.rename(columns={best: "team"})))
    return out


def match_columns(parts: list[ScoredSurvey]) -> pd.DataFrame:
    """The combined column each file's kept column becomes (COMBINED_COLUMNS). Team, wave, date and
    id are one column each, whatever their headers; any other column joins one of the same role
    whose header reads the same (ignoring case and spelling) or nearly so, else stands alone."""
    taken: dict[str, str] = {}  # combined column -> role
    rows = []
    for part in parts:
        name = part.table.filename
        mine: set[str] = set()
        kept = part.mapping.table[~part.mapping.table["role"].isin(["item", "ignore"])]
        for header, role in zip(kept["column"], kept["role"]):
            column = _combined_name(header, role, taken, mine)
            taken.setdefault(column, role)
            mine.add(column)
            rows.append((column, role, name, header))
    frame = pd.DataFrame(rows, columns=COMBINED_COLUMNS[:-1])
    return frame.assign(evidence=frame.groupby("column")["header"].transform(
        lambda headers: _evidence(frame.loc[headers.index], len(parts))))


def _combined_name(header: str, role: str, taken: dict[str, str], mine: set[str]) -> str:
    """The combined column for one file's column: by role for a single-role column, else a column
    of the same role whose header matches, else its own header (kept apart from a different role's)."""
    if role in SINGLE_ROLES:
        return RENAMED_ROLES.get(role) or next((c for c, r in taken.items() if r == role), header)
    free = [c for c, r in taken.items() if r == role and c not in mine]
    same = next((c for c in free if normalise(c) == normalise(header)), None)
    near = max(free, key=lambda c: fuzz.token_set_ratio(normalise(c), normalise(header)), default=None)
    if same is None and near is not None and fuzz.token_set_ratio(normalise(near), normalise(header)) >= SAME_QUESTION_SCORE:
        same = near
    if same is not None:
        return same
    return header if header not in taken and header not in RENAMED_ROLES else f"{header} ({role})"


def _evidence(rows: pd.DataFrame, files: int) -> str:
    role, headers = rows["role"].iloc[0], list(dict.fromkeys(rows["header"]))
    where = "all files" if len(rows) == files and files > 2 else "both files" if len(rows) == files else \
        f"{len(rows)} of {files} files"
    if len(headers) == 1:
        return f"{role} in {where}: '{headers[0]}'"
    return f"{role} in {where}: " + " / ".join(f"'{h}'" for h in headers)


def _column_findings(columns: pd.DataFrame, name: str) -> list[Finding]:
    """A finding for each of a file's columns that joined a column an earlier file heads otherwise."""
    first = columns.drop_duplicates("column").set_index("column")["header"]
    mine = columns[columns["file"] == name]
    return [finding(Code.COLUMN_MATCHED, f"Column '{header}' is read as the same {role} as '{first[column]}' in an "
                                         f"earlier file ({evidence}).", column=header)
            for header, role, evidence, column in zip(mine["header"], mine["role"], mine["evidence"], mine["column"])
            if header != first[column]]


def _same_teams(frame: pd.DataFrame, teams: list[str], name: str) -> tuple[pd.DataFrame, list[Finding]]:
    """A team written another way than in an earlier file ('early help ', 'Early Help') takes the
    earlier spelling; a near miss ('Youth Justice Team') is reported and kept apart. ``teams``
    gathers the spellings seen so far."""
    if "team" not in frame:
        return frame, []
    mine = [t for t in pd.unique(frame["team"].dropna()) if t != ""]
    matches = match_teams(teams, mine)
    same = matches[(matches["how"] == "same name") & (matches["hr_team"] != matches["survey_team"])]
    near = matches[matches["how"] != "same name"].dropna(subset=["survey_team"])
    found = [finding(Code.TEAM_MATCHED, f"Team '{t}' in {name} is taken as '{known}', as an earlier file writes it.",
                     column="team", value=t) for t, known in zip(same["hr_team"], same["survey_team"])]
    found += [finding(Code.TEAM_MATCHED, f"Team '{t}' in {name} looks like '{known}' in an earlier file but is kept "
                                         "apart; rename it in the file if they are one team.", column="team", value=t)
              for t, known in zip(near["hr_team"], near["survey_team"])]
    teams += [t for t in matches.loc[matches["how"] != "same name", "hr_team"]]
    if len(same):
        frame = frame.assign(team=frame["team"].replace(dict(zip(same["hr_team"], same["survey_team"]))))
    return frame, found


def _in_order(frames: list[pd.DataFrame], first: ScoredSurvey) -> pd.DataFrame:
    """The rows of every file, ``source`` and ``row`` first, then the kept columns, then the scores
    as the first file has them."""
    scores = list(first.scored.columns[first.scored.columns.get_loc(_first_score(first)):])
    kept = [c for f in frames for c in f.columns if c not in scores and c not in ("source", "row")]
    order = ["source", "row", *dict.fromkeys(kept), *scores]
    return pd.concat([f.reindex(columns=order) for f in frames], ignore_index=True)


def _first_score(survey: ScoredSurvey) -> str:
    return survey.score_columns[(survey.instruments[0].id, survey.instruments[0].subscales[0].id)]


def _answers(parts: list[ScoredSurvey]) -> dict[str, pd.DataFrame]:
    """Each instrument's answers in the combined rows' order (positions, as the scored rows)."""
    return {key: pd.concat([p.answers[key] for p in parts], ignore_index=True) for key in parts[0].answers}


def _mapping(parts: list[ScoredSurvey], columns: pd.DataFrame) -> Mapping:
    """One row per combined column, as the first file that has it maps it, with the evidence of the
    match; and the first file's item columns."""
    rows = []
    for part in parts:
        mine = columns[columns["file"] == part.table.filename].set_index("header")
        table = part.mapping.table
        kept = table[table["column"].isin(mine.index)]
        rows.append(kept.assign(column=mine.loc[kept["column"], "column"].to_numpy(),
                                evidence=mine.loc[kept["column"], "evidence"].to_numpy()))
    first = parts[0].mapping.table
    table = pd.concat([first[first["role"] == "item"], *rows], ignore_index=True).drop_duplicates("column")
    return Mapping(parts[0].mapping.instrument_ids, table.reset_index(drop=True))


def _table(parts: list[ScoredSurvey], columns: pd.DataFrame) -> SourceTable:
    """What the combined survey says of its source: every file's name, the first file's layout,
    the personal columns dropped from any, and the private codes of employee numbers by (source
    file, row), since each file numbers its own rows (every file is read with the session's one
    key, so one person's code is the same in each)."""
    first = parts[0].table
    dropped = tuple(dict.fromkeys(d for p in parts for d in p.table.dropped))
    names = ", ".join(p.table.filename for p in parts)
    coded = {p.table.filename: p.table.person_codes for p in parts if p.table.person_codes is not None}
    codes = pd.concat(coded, names=["source", "row"]) if coded else None
    return replace(first, frame=pd.DataFrame(columns=list(dict.fromkeys(columns["column"]))), headers={},
                   filename=names, sheet=None, blank_rows=(), dropped=dropped, person_codes=codes)


def describe_files(combined: CombinedSurvey) -> list[str]:
    """Sentences about the combination: each file's respondents and waves, the columns matched
    under different headers, and the whole."""
    lines = [f"{r.file}: {r.respondents} respondents, wave(s) {r.waves} (from {r._5})."
             for r in combined.file_summary().itertuples()]
    matched = combined.columns.drop_duplicates("column")
    lines += [f"Matched across files: {e}." for e in matched["evidence"] if "/" in e]
    teams = combined.survey.findings[combined.survey.findings["code"] == Code.TEAM_MATCHED]
    lines += list(teams["message"])
    lines += [f"{file} also holds {instrument}, which not every file holds, so it is left out of the combined "
              "survey: read that file on its own to see it." for file, instrument in combined.left_out]
    c, waves = combined.survey.counts, combined.survey.waves
    lines.append(f"Combined: {c['respondents']} respondents from {len(combined.parts)} files in {len(waves)} wave(s): "
                 f"{', '.join(map(str, waves))}; every row keeps its file ('source') and spreadsheet row ('row').")
    return lines
