"""Cached calls into the core, keyed on content, and the one survey object in session state.

Every cached function takes all its inputs as arguments (the upload's bytes among them), so a
result is only ever reached by someone holding the same file; caches are bounded in size and age,
and each session's are its own, cleared when the session ends.
Reading and scoring an upload run in a worker process with time and memory limits
(:func:`tiwell.worker.run_limited`), so a hostile file stops with one sentence for its own
session and never stalls anyone else's. Importing this module also keeps uploads in memory
(:mod:`ui.uploads`), for a page reached without ``dashboard.py``.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import streamlit as st
from streamlit import runtime

from tiwell.ingest import SourceTable, new_key, sheet_names
from tiwell.instruments import Instrument, load_builtin, parse_instrument
from tiwell.combine import CombinedSurvey, header_shape, score_loaded
from tiwell.pipeline import Matched, ScoringChoices, load_table, score_table
from tiwell.privacy import Release, survey_release
from tiwell.errors import TiwellError
from tiwell.worker import run_limited
from tiwell.survey import ScoredSurvey
from tiwell.workspace import Workspace
from ui.held import SURVEY_KEY, current_survey, keep_survey  # noqa: F401 - every page reads them here
from ui.memory import give_back_when_gone
from ui.safe import inert
from ui.uploads import keep_uploads_in_memory

if TYPE_CHECKING:  # the analyses (SciPy) and the exports (python-pptx): only the pages that use them pay for them
    from tiwell.analysis import TeamPeriods
    from tiwell.comments import CommentRelease
    from tiwell.present import Choices, Story

keep_uploads_in_memory()

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
SAMPLE = SAMPLES / "proqol5_microsoft_forms.xlsx"
SAMPLE_TURNOVER = SAMPLES / "turnover_by_team.csv"
SAMPLE_STAFF_LIST = SAMPLES / "staff_list.csv"
CUSTOM_KEY = "custom_instruments"
ID_KEY = "private_code_key"
LABEL_KEY = "neutral_label_key"
WORKSPACE_KEY = "workspace"
BROUGHT_KEY = "workspace-brought"        # the fingerprint of the workspace file last brought back
MIN_GROUP_KEY, NEUTRAL_KEY, INSTRUMENTS_KEY = "min-group", "present-neutral", "instruments"
DATE_ORDER_KEY = "date-order"
# In the app each session keeps its own results, dropped when it ends (a 50,000-row survey cached for an
# hour after its session had gone held a gigabyte); a session scope needs a running app, so a script or
# test calling these functions directly shares one cache, as before. A table read and a survey scored are
# kept as the objects themselves (st.cache_resource: never changed after they are made), not as a pickled
# copy unpickled again on every rerun: at 50,000 rows that copy was 90 MB and a fifth of a second each
# time, and a new survey object on every rerun made everything kept for "this survey" start again.
CACHE = dict(max_entries=16, ttl=3600, scope="session" if runtime.exists() else "global")


def private_code_key() -> bytes:
    """This session's key for turning employee numbers into private codes: random, never stored,
    gone with the session (see tiwell.ingest.pseudonym)."""
    return st.session_state.setdefault(ID_KEY, new_key())


def label_key() -> bytes:
    """This session's secret order for neutral team labels: Team A is a different team in each
    session, so a label cannot be decoded from the team names."""
    return st.session_state.setdefault(LABEL_KEY, new_key())


def custom_instruments() -> dict[str, str]:
    """The user's own instrument definitions loaded this session: id -> TOML text."""
    return st.session_state.setdefault(CUSTOM_KEY, {})


def add_custom_instrument(text: str) -> Instrument:
    """Check a definition (InstrumentError names the field at fault) and keep it for this session."""
    instrument = parse_instrument(text, source="your instrument file")
    custom_instruments()[instrument.id] = text
    return instrument


def workspace() -> Workspace:
    """The settings and action log of this session: what the workspace file saves."""
    return st.session_state.setdefault(WORKSPACE_KEY, Workspace())


def update_workspace(**changes) -> None:
    st.session_state[WORKSPACE_KEY] = replace(workspace(), **changes)


def bring_back(brought: Workspace, fingerprint: str) -> None:
    """Make a loaded workspace this session's. The home page's option widgets forget their
    current state and start again from the workspace."""
    st.session_state[WORKSPACE_KEY] = brought
    st.session_state[BROUGHT_KEY] = fingerprint
    custom_instruments().update(dict(brought.custom_instruments))
    for key in [k for k in st.session_state if k == INSTRUMENTS_KEY or str(k).startswith("bands-")]:
        del st.session_state[key]


def brought_back() -> str | None:
    """The fingerprint of the workspace file loaded this session, if any."""
    return st.session_state.get(BROUGHT_KEY)


def workspace_json(survey: ScoredSurvey | None, parts: tuple[ScoredSurvey, ...] = ()) -> str:
    """The workspace file to download: this session's settings with the mapping now in use, and
    with several files each file's mapping by its shape of headers, so next year's maps itself."""
    first = parts[0] if parts else survey  # a mapping of one file's own columns, to lay over a single upload
    mapping = first.mapping.to_json() if first is not None else workspace().mapping_json
    shapes = {header_shape(part.table.frame.columns): part.mapping.to_json() for part in parts}
    return replace(workspace().remembering(shapes), mapping_json=mapping).to_json()


def setting_widget(key: str) -> dict:
    """Keyword arguments for a settings widget that shows the workspace's value and writes every
    change back to it. The workspace holds the value because a widget's own state is forgotten
    on a page that does not draw it."""
    field = {MIN_GROUP_KEY: "min_group", NEUTRAL_KEY: "neutral_labels", DATE_ORDER_KEY: "month_first"}[key]
    st.session_state[key] = getattr(workspace(), field)
    return dict(key=key, on_change=lambda: update_workspace(**{field: st.session_state[key]}))


@st.cache_data(**CACHE, show_spinner=False)
def parsed(text: str) -> Instrument:
    return parse_instrument(text, source="your instrument file")


@st.cache_data(**CACHE, show_spinner=False)
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


ZIP_START = b"PK\x03\x04"  # an .xlsx is a zip file


@st.cache_data(**CACHE, show_spinner=False)
def sheets_of(data: bytes, filename: str) -> tuple[str, ...]:
    """The sheets to choose between. A workbook's are read in the worker (opening one parses its
    zip); any other file is told apart by its first bytes here, at once (a CSV has no sheets),
    which spares a 50,000-row CSV a trip to the worker and back (1.8 s)."""
    if data[:4] != ZIP_START:
        return sheet_names(data, filename)
    return run_limited(sheet_names, data, filename, what=filename)


@st.cache_resource(**CACHE, show_spinner="Reading the file…")
def load(data: bytes, filename: str, *, choices: ScoringChoices) -> tuple[SourceTable, tuple[Instrument, ...], Matched]:
    """The table (personal data already dropped), the instruments in it and their columns matched
    to items, read under ``choices.reading`` (built-in or custom instrument ids, the custom ones'
    TOML text; ``id_key``, this session's when the user opts in, keeps employee numbers as private codes)."""
    customs = {inst.id: inst for inst in map(parsed, choices.custom_tomls)}
    instruments = tuple(customs[i] if i in customs else load_builtin(i) for i in choices.instruments)
    return run_limited(load_table, data, filename, sheet=choices.sheet, instruments=instruments,
                       also_detect=tuple(customs.values()), id_key=choices.id_key, what=filename)


def instruments_in(data: bytes, filename: str, *, choices: ScoringChoices) -> tuple[Instrument, ...]:
    """The instruments the upload holds, read once (the cut points to offer depend on them)."""
    return load(data, filename, choices=choices.reading)[1]


@st.cache_resource(**CACHE, show_spinner="Scoring…")
def score(data: bytes, filename: str, *, choices: ScoringChoices) -> ScoredSurvey:
    """Scores for the table ``load`` read (once for every mapping and set of cut points), with a
    saved or edited mapping laid over the detected one, any named cut points chosen, and the
    workspace's order for dates that could be read either way."""
    table, instruments, matched = load(data, filename, choices=choices.reading)
    survey = run_limited(score_table, table, instruments, choices.mapping_json, dict(choices.band_sets), matched,
                         month_first=choices.month_first, what=filename)
    give_back_when_gone(survey)
    return survey


def saved_mappings(files: tuple[tuple[bytes, str], ...], choices: ScoringChoices) -> dict[str, str]:
    """Each file's saved mapping: the one a brought-back workspace keeps for its shape of headers,
    else the mapping file given (or brought back) for every file; none for the rest."""
    found = {}
    for data, name in files:
        table = load(data, name, choices=choices.reading)[0]
        mine = workspace().mapping_for(header_shape(table.frame.columns)) if brought_back() else None
        if mine or choices.mapping_json:
            found[name] = mine or choices.mapping_json
    return found


@st.cache_resource(**CACHE, show_spinner="Scoring and combining the files…")
def score_several(files: tuple[tuple[bytes, str], ...], *, choices: ScoringChoices,
                  mappings: tuple[tuple[str, str], ...] = (),
                  wave_labels: tuple[tuple[str, str], ...] = ()) -> CombinedSurvey:
    """Several uploads as one survey: each read as :func:`load` reads one (cached, in the worker),
    then scored with its own mapping (``mappings``: file name -> mapping JSON) and combined in the
    worker; ``wave_labels`` names the wave of each file without dates."""
    loaded = [load(data, name, choices=choices.reading) for data, name in files]
    combined = run_limited(score_loaded, loaded, mappings=dict(mappings), wave_labels=dict(wave_labels),
                           band_sets=dict(choices.band_sets), month_first=choices.month_first,
                           what=", ".join(name for _, name in files))
    give_back_when_gone(combined)
    return combined


@st.cache_data(**CACHE, show_spinner=False)
def sample_turnover_bytes(path: Path = SAMPLE_TURNOVER) -> bytes:
    return path.read_bytes()


@st.cache_data(**CACHE, show_spinner="Reading the HR data…")
def read_turnover(data: bytes, filename: str, id_key: bytes | None = None) -> TeamPeriods:
    """The team-period table with rates (personal columns of a staff list dropped on reading;
    with ``id_key``, its employee numbers kept as private codes)."""
    from tiwell.analysis import read_hr

    return run_limited(read_hr, data, filename, id_key=id_key, what=filename)


def _survey_key(survey: ScoredSurvey) -> tuple:
    """What a result drawn from a scored survey depends on: its rows and answers, by content."""
    frames = [survey.scored, *survey.answers.values()]
    return tuple(int(pd.util.hash_pandas_object(f, index=True).sum()) for f in frames)


@st.cache_data(**CACHE, show_spinner="Working out reliability…", hash_funcs={ScoredSurvey: _survey_key})
def cohort_reliability(survey: ScoredSurvey, cohort_column: str, min_group: int) -> pd.DataFrame:
    """Alpha and omega per subscale and cohort: model fits too slow to redo on every rerun."""
    from tiwell.analysis.cohorts import reliability

    return reliability(survey, cohort_column, min_group)


RELEASING = "work out which numbers can be shown safely"


@st.cache_data(**CACHE, show_spinner="Working out what can be shown safely…", hash_funcs={ScoredSurvey: _survey_key})
def _released(survey: ScoredSurvey, min_group: int) -> Release:
    """The release, worked out in a worker process like the scoring, so a survey that is slow to
    protect holds up no one else."""
    return run_limited(survey_release, survey, min_group, what=survey.table.filename, doing=RELEASING)


def release(survey: ScoredSurvey, min_group: int) -> Release:
    """The one audited release every leaders' view and export reads (tiwell.privacy.release). When it
    cannot be worked out (past the worker's limits), the page says why in one sentence and stops there."""
    try:
        return _released(survey, min_group)
    except TiwellError as exc:
        st.error(inert(exc))
        st.stop()


def release_problem(survey: ScoredSurvey, min_group: int) -> str | None:
    """Works the release out now, so the leaders' pages open at once; the sentence why, if it cannot be."""
    try:
        _released(survey, min_group)
    except TiwellError as exc:
        return str(exc)
    return None


@st.cache_data(**CACHE, show_spinner=False, hash_funcs={ScoredSurvey: _survey_key})
def story(survey: ScoredSurvey, choices: Choices, _comments: CommentRelease | None = None) -> Story:
    """The Present page's slides for these choices, built once: a step to the next slide only draws it.
    The comment release is not hashed: it follows from the survey and the choices (names, own themes,
    comments shown or not), which are."""
    from tiwell.present.story import MIN_GROUP, build

    return build(survey, choices, _released(survey, MIN_GROUP), _comments)
