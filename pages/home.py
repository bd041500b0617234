"""Home: bring a survey export (or the sample), check what tiwell found, take the scores away."""

from __future__ import annotations

from ui.signin import require_sign_in

require_sign_in()

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

import streamlit as st

from ui import held

if TYPE_CHECKING:
    import pandas as pd
    from streamlit.runtime.uploaded_file_manager import UploadedFile

READ_IN_FULL = 100  # report rows shown as a wrapping table; more go in a data grid with search and selection
# Rows a grid sends to the browser. 50,000 scored rows are 12 MB to encode, send and decode, seconds
# before the page can be used, and nobody reads them on screen; the downloads hold every row. The
# sample's 924 rows fit whole.
SHOWN_ROWS = 1000

st.title("Staff wellbeing survey")
st.write(
    "Upload the responses your survey tool exported (Microsoft Forms, Google Forms, Qualtrics, "
    "SurveyMonkey, LimeSurvey, SmartSurvey, Jisc Online Surveys, REDCap, Typeform, Jotform or a "
    "plain spreadsheet). tiwell finds the questions, scores every person who "
    "answered, and tells you about every row it could not score. Names, email addresses and other "
    "personal details are removed as the file is read."
)


def boxes() -> tuple[list[UploadedFile], UploadedFile | None]:
    """The survey box, the sample button and the workspace box, drawn with Streamlit alone: a first
    visit shows them before pandas and the core are imported (ui.preload brings those in meanwhile)."""
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    uploads = left.file_uploader("Survey export", type=["csv", "tsv", "txt", "xlsx", "xlsm", "ods", "xls"],
                                 accept_multiple_files=True,
                                 help="CSV (UTF-8, UTF-16 or Windows-1252; comma, semicolon or tab) or Excel. "
                                      "Give several files (one export per wave) to read them as one survey.")
    if right.button("Try the sample data", type="secondary", width="stretch"):
        st.session_state["use_sample"] = True
    if uploads:
        st.session_state["use_sample"] = False
    elif st.session_state.get("use_sample"):
        st.caption("Showing the sample: a made-up family-support organisation, three survey waves.")
    brought = st.file_uploader("Bring back a workspace (the file saved last time, JSON)", type=["json"],
                               key="workspace-file",
                               help="It sets the mapping, instruments, cut points, smallest group, team labels and "
                                    "the order of dates as they were, and brings back the action log.")
    return uploads, brought


def ask_for_a_file() -> None:
    """Nothing to read: no survey is held, and the page ends here."""
    st.info("Upload an export, or try the sample data to see what tiwell does.")
    held.keep_survey(None)
    st.stop()


uploads, brought = boxes()
if not uploads and brought is None and not st.session_state.get("use_sample"):
    ask_for_a_file()

# There is something to read: only now pandas and the core.
from tiwell.errors import TiwellError  # noqa: E402
from tiwell.export import csv_bytes, scored_workbook  # noqa: E402
from tiwell.findings import SEVERITIES, Code, describe_upload  # noqa: E402
from tiwell.ingest import read_data_dictionary  # noqa: E402
from tiwell.instruments import Instrument  # noqa: E402
from tiwell.mapping import Mapping, with_labels  # noqa: E402
from tiwell.pipeline import ScoringChoices, builtins_in_order  # noqa: E402
from tiwell.survey import ScoredSurvey  # noqa: E402
from tiwell.text import count  # noqa: E402
from tiwell.workspace import check_instruments, load  # noqa: E402
from ui import several, state  # noqa: E402
from ui.reading_ahead import read_ahead  # noqa: E402
from ui.safe import inert, inert_table  # noqa: E402


def bring_back_workspace(brought: UploadedFile | None) -> None:
    """A returning user's workspace file: settings and action log from last time, set once."""
    if brought is None or state.brought_back() == brought.file_id:
        return
    try:
        workspace = load(brought.getvalue().decode("utf-8", errors="replace"), f"'{brought.name}'")
        check_instruments(workspace, [i.id for i in builtins_in_order()])
    except TiwellError as exc:
        st.error(inert(exc))
        return
    state.bring_back(workspace, brought.file_id)
    st.success(f"Workspace brought back: {len(workspace.actions)} logged action(s), smallest group shown "
               f"{workspace.min_group}.")


def choose_source(uploads: list[UploadedFile]) -> tuple[tuple[bytes, str], ...]:
    """The uploads (several: one export per wave, made one survey), or the sample, or nothing."""
    if uploads:
        return tuple((upload.getvalue(), upload.name) for upload in uploads)
    if st.session_state.get("use_sample"):
        return ((state.sample_bytes(), state.SAMPLE.name),)
    return ()


def choose_options(data: bytes, name: str) -> ScoringChoices:
    customs = state.custom_instruments()
    with st.expander("Options: sheet, instruments, a saved mapping"):
        sheets = state.sheets_of(data, name)
        sheet = st.selectbox("Sheet", ["The first that holds the questions", *sheets]) if len(sheets) > 1 else None
        labels = {i.id: f"{i.short_name} ({i.id})" for i in builtins_in_order()}
        labels |= {i: f"{state.parsed(text).short_name} ({i}, yours)" for i, text in customs.items()}
        st.session_state.setdefault(state.INSTRUMENTS_KEY, [i for i in state.workspace().instruments if i in labels])
        picked = st.multiselect("Instruments", list(labels), format_func=labels.get, key=state.INSTRUMENTS_KEY,
                                placeholder="Detect from the columns",
                                help="Leave empty and tiwell finds every instrument in the file. Add your own "
                                     "definition on the Instruments page.")
        saved = st.file_uploader("A mapping file saved from an earlier wave (JSON)", type=["json"])
        dictionary = st.file_uploader("A REDCap data dictionary (CSV), to name the codes of a raw export",
                                      type=["csv"], help="Its choices ('1, Family Support | 2, Fostering') name "
                                                         "the teams and groups the export writes as numbers.")
        keep_codes = st.toggle(
            "Keep employee numbers as private codes", value=False,
            help="Only needed on the Turnover page, to compare the earlier answers of people who later left "
                 "with those of people who stayed. Each number becomes a code that works only in this browser "
                 "session and is never shown. Otherwise employee numbers are removed, like names.")
    return ScoringChoices(
        sheet=sheet if sheet in sheets else None,
        instruments=tuple(picked),
        custom_tomls=tuple(customs.values()),
        mapping_json=_with_dictionary(saved.getvalue().decode("utf-8", errors="replace") if saved else (
            state.workspace().mapping_json if state.brought_back() else None), dictionary),
        id_key=state.private_code_key() if keep_codes else None,
        month_first=state.workspace().month_first,
    )


def _with_dictionary(mapping_json: str | None, dictionary) -> str | None:
    """The saved mapping with a data dictionary's code labels laid over it (labels only: no role changes)."""
    if dictionary is None:
        return mapping_json
    return with_labels(mapping_json, read_data_dictionary(dictionary.getvalue(), dictionary.name))


def show_found(survey: ScoredSurvey, lines: list[str]) -> None:
    counts = survey.counts
    cols = st.columns(4)
    cols[0].metric("Respondents", counts["respondents"])
    cols[1].metric("Scored", counts["scored"])
    cols[2].metric("Prorated", counts["prorated"], help="Scored from the answered items under the missing-item rule.")
    cols[3].metric("Not scored", counts["not_scored"], help="Each is listed with its reason below.")
    st.markdown("\n".join(f"- {inert(line)}" for line in lines))


def edit_mapping(survey: ScoredSurvey, source: tuple[bytes, str], choices: ScoringChoices) -> ScoredSurvey:
    st.caption("Each column's role as tiwell read it, and how sure it is. Change a role or an item "
               "number and the scores follow. Save the mapping to reuse it on the next wave's export.")
    edited = st.data_editor(
        survey.mapping.table,
        key=f"mapping-{survey.table.filename}-{'-'.join(survey.mapping.instrument_ids)}",
        hide_index=True, width="stretch", disabled=["column", "confidence", "evidence", "suggestion"],
        column_config=several.mapping_config(survey.mapping.instrument_ids),
    )
    mapping_json = Mapping(survey.mapping.instrument_ids, edited).to_json()  # once: downloaded and scored
    st.download_button("Download this mapping", mapping_json, file_name="tiwell-mapping.json",
                       mime="application/json", on_click="ignore")
    if edited[several.EDITABLE].equals(survey.mapping.table[several.EDITABLE]):
        return survey
    return state.score(*source, choices=replace(choices, mapping_json=mapping_json))


def choose_date_order(survey: ScoredSurvey) -> None:
    """Asked only when every date in the file could be read either way (03/02/2026): the order
    the organisation writes, kept in the workspace. A date such as 13/02/2026 settles it alone."""
    if survey.findings["code"].eq(Code.DATE_ORDER_ASSUMED).any():
        st.radio("Every date in the file could be read either way. Dates such as 03/02/2026 mean",
                 [False, True], format_func={False: "3 February (day first)", True: "2 March (month first)"}.get,
                 horizontal=True, **state.setting_widget(state.DATE_ORDER_KEY))


def choose_band_sets(instruments: tuple[Instrument, ...]) -> tuple[tuple[str, str], ...]:
    """Named cut points for instruments that have them (the classic MBI cut-offs): never the
    default, each labelled with its source."""
    chosen = []
    for inst in instruments:
        if not inst.band_sets:
            continue
        labels = {None: f"None: {inst.short_name} scores (and profiles) without cut-offs"}
        labels |= {band_set.id: band_set.label for band_set in inst.band_sets}
        saved = dict(state.workspace().band_sets).get(inst.id)
        st.session_state.setdefault(f"bands-{inst.id}", saved if saved in labels else None)
        picked = st.selectbox(f"Cut points for {inert(inst.short_name)}", list(labels), format_func=labels.get,
                              key=f"bands-{inst.id}")
        if picked:
            band_set = inst.band_set(picked)
            st.caption(inert(f"{band_set.source} {band_set.note}"))
            chosen.append((inst.id, picked))
    return tuple(chosen)


def first_rows(frame: pd.DataFrame, noun: str, rest: str) -> pd.DataFrame:
    """The rows a grid shows: all of them, or the first :data:`SHOWN_ROWS` with a caption that says
    how many ``noun`` there are and where the ``rest`` are."""
    if len(frame) <= SHOWN_ROWS:
        return frame
    st.caption(f"The first {count(SHOWN_ROWS)} of {count(len(frame))} {noun} are shown here; {rest}.")
    return frame.head(SHOWN_ROWS)


def show_report(survey: ScoredSurvey) -> None:
    report = survey.findings
    st.caption("Everything tiwell noticed, row by row. Errors are rows that could not be fully scored; "
               "warnings are answers treated as unanswered; the rest is for information.")
    shown = st.multiselect("Show", list(SEVERITIES), default=["error", "warning"])
    rows = report[report["severity"].isin(shown)].reset_index(drop=True)
    order = ["row", "severity", "message", "column", "value", "code", "file", "sheet"]
    if len(rows) <= READ_IN_FULL:  # a table wraps each message where a data grid cuts it at the column's edge
        st.table(inert_table(rows[order].astype(object).fillna("")), hide_index=True)
        return
    rows = first_rows(rows, "findings", "the Excel download on Scored rows lists every one")
    picked = st.dataframe(rows, hide_index=True, width="stretch", key="report", on_select="rerun",
                          selection_mode="single-row", column_order=order,
                          column_config={"row": st.column_config.NumberColumn("row", pinned=True),
                                         "message": st.column_config.TextColumn("message", width=1000)})
    if picked.selection.rows:
        k = picked.selection.rows[0]
        st.info(inert(f"Row {rows['row'].iloc[k]}: {rows['message'].iloc[k]}"))
    else:
        st.caption("Select a row to read its whole message here.")


def show_scored(survey: ScoredSurvey, stem: str) -> None:
    scored = survey.scored
    number_format = {sub.column: st.column_config.NumberColumn(sub.label, format="%.1f") for sub in survey.subscales}
    number_format |= {f"{sub.column}_band": f"{sub.label} band" for sub in survey.subscales}
    # The scores first, after the row and who answered, so they are on screen without scrolling.
    first = ["row", "team", "wave"] + [c for sub in survey.subscales for c in (sub.column, f"{sub.column}_band")]
    first = [c for c in first if c in scored] + [c for c in ("status", "reason") if c in scored]
    shown = first_rows(scored, "rows", "the CSV and Excel downloads hold all of them")
    st.dataframe(shown, hide_index=True, width="stretch", column_config=number_format,
                 column_order=first + [c for c in scored.columns if c not in first])
    left, right = st.columns(2)
    # Built only when clicked: writing a workbook of 50,000 rows takes seconds, too long for every rerun.
    left.download_button("Download CSV", partial(csv_bytes, scored), file_name=f"{stem}-scored.csv", mime="text/csv",
                         on_click="ignore")
    right.download_button("Download Excel", partial(scored_workbook, survey), file_name=f"{stem}-scored.xlsx",
                          mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", on_click="ignore")


sources = choose_source(uploads)
bring_back_workspace(brought)
if not sources:
    ask_for_a_file()
source, joined = sources[0], None

try:
    choices = choose_options(*source)
    choices = replace(choices, band_sets=choose_band_sets(state.instruments_in(*source, choices=choices)))
    if len(sources) > 1:
        joined = several.combined(sources, choices)
    base = joined.survey if joined else state.score(*source, choices=choices)
    choose_date_order(base)
except TiwellError as exc:
    st.error(inert(exc))
    state.keep_survey(None)
    st.stop()

found_box = st.container()
mapping_tab, report_tab, scored_tab = st.tabs(["Column mapping", "Validation report", "Scored rows"])
with mapping_tab:
    try:
        joined = several.edit(joined, sources, choices) if joined else None
        survey = joined.survey if joined else edit_mapping(base, source, choices)
    except TiwellError as exc:
        st.error(f"That mapping cannot be used: {inert(exc)} The scores below use the mapping before this change.")
        survey = base
state.keep_survey(survey)
state.update_workspace(instruments=choices.instruments, band_sets=choices.band_sets,
                       custom_instruments=tuple(sorted(state.custom_instruments().items())))
with found_box:
    show_found(survey, several.summary_lines(joined) if joined else
               describe_upload(survey, chose_instrument=bool(choices.instruments)))
with report_tab:
    show_report(survey)
with scored_tab:
    show_scored(survey, "combined" if len(sources) > 1 else source[1].rsplit(".", 1)[0])
st.download_button("Download the workspace", state.workspace_json(survey, joined.parts if joined else ()),
                   file_name="tiwell-workspace.json", mime="application/json", on_click="ignore",
                   help="Settings, the mapping of each file's headers and the action log, to bring back with the "
                        "next wave's export. Holds no answers.")
# Last, once the scores are on screen: the release, so the leaders' pages open at once.
if problem := state.release_problem(survey, state.workspace().min_group):
    with found_box:
        st.warning(f"{inert(problem)} The scores below are complete; the pages for leaders need this step and try "
                   "it again when opened.")
read_ahead(survey)  # the comments, read in the background from here on (not competing with the release)
