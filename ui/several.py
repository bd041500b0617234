"""The home page's mapping for several uploads at once (one export per wave, made one survey by
:mod:`tiwell.combine`): what each file gave, the wave of each file without dates, and every file's
mapping in one table a person checks and edits, the same question of each file one under another.
The column settings of the mapping table are here too, shared with the single upload's table.
"""

from __future__ import annotations

import streamlit as st

from tiwell.combine import CombinedSurvey, describe_files
from tiwell.findings import describe_upload
from tiwell.mapping import ROLES, Mapping
from tiwell.pipeline import ScoringChoices
from tiwell.theme import PRINCIPLE_IDS
from ui import state
from ui.safe import inert

EDITABLE = ["role", "instrument", "item", "principle", "reversed", "labels"]


def mapping_config(instrument_ids: tuple[str, ...]) -> dict:
    """How the mapping table's columns are shown and edited."""
    return {
        "file": st.column_config.TextColumn("File"),
        "role": st.column_config.SelectboxColumn("Role", options=list(ROLES), required=True),
        "instrument": st.column_config.SelectboxColumn("Instrument", options=list(instrument_ids)),
        "item": st.column_config.NumberColumn("Item", min_value=1, step=1),
        "confidence": st.column_config.ProgressColumn("How sure", min_value=0.0, max_value=1.0, format="percent"),
        "evidence": st.column_config.TextColumn("Why"),
        "labels": st.column_config.TextColumn("Labels for codes", help="What a column's codes stand for, as "
                                              "'1, Family Support | 2, Fostering'; saved with the mapping."),
        "suggestion": st.column_config.TextColumn("Suggested", help="An item this column nearly matches: set its "
                                                                    "role to item to accept it."),
        "principle": st.column_config.SelectboxColumn(
            "Principle", options=list(PRINCIPLE_IDS), help="For your own questions (drivers): the trauma-informed "
                                                        "principle each speaks to, or empty."),
        "reversed": st.column_config.CheckboxColumn(
            "Reversed", help="For your own questions: tick when agreeing is the unfavourable answer "
                             "('I worry about being blamed')."),
    }


def _label_key(name: str) -> str:
    return f"wave-label-{name}"


def combined(files: tuple[tuple[bytes, str], ...], choices: ScoringChoices,
             edits: dict[str, str] | None = None) -> CombinedSurvey:
    """The files as one survey, with each file's saved mapping, the person's ``edits`` (file name
    -> mapping JSON) and the wave labels typed so far."""
    labels = tuple((name, st.session_state[_label_key(name)].strip()) for _, name in files
                   if st.session_state.get(_label_key(name), "").strip())
    mappings = state.saved_mappings(files, choices) | (edits or {})
    return state.score_several(files, choices=choices, mappings=tuple(sorted(mappings.items())), wave_labels=labels)


def wave_box(number: int, name: str, label: str) -> None:
    """The text box for the wave of file ``number``, labelled by its number: a label is read as
    Markdown, which a file's name (``*``, ``[x](y)``) must never be, and a screen reader reads
    the label again at every keystroke. The name stands beside it as text."""
    st.session_state.setdefault(_label_key(name), label)
    box, said = st.columns([1, 2], vertical_alignment="bottom")
    box.text_input(f"Wave of file {number}", key=_label_key(name))
    said.markdown(f"File {number}: {inert(name)} (it has no dates or wave column)")


def edit(base: CombinedSurvey, files: tuple[tuple[bytes, str], ...], choices: ScoringChoices) -> CombinedSurvey:
    """Each file's respondents and waves, a text box for the wave of each file without dates, and
    the one mapping table; the survey rescored when the person changes any of them."""
    st.dataframe(base.file_summary(), hide_index=True, width="stretch")
    for name, label in base.wave_labels:
        wave_box(base.files.index(name) + 1, name, label)
    st.caption("Every file's columns as tiwell read them, the same question of each file one under another. "
               "Change a role or an item number and the scores follow.")
    ids = base.survey.mapping.instrument_ids
    table = base.mapping_table()
    edited = st.data_editor(table, key=f"mapping-several-{'-'.join(base.files)}-{'-'.join(ids)}", hide_index=True,
                            width="stretch", disabled=["file", "column", "confidence", "evidence"],
                            column_config=mapping_config(ids))
    changed = {name: Mapping(ids, rows.drop(columns="file")).to_json() for name, rows in edited.groupby("file", sort=False)
               if not rows[EDITABLE].equals(table.loc[rows.index, EDITABLE])}
    return combined(files, choices, changed) if changed else base


def summary_lines(survey: CombinedSurvey) -> list[str]:
    """What the home page says about the files: each file's own account, then the combination
    (each file's respondents and waves are in the table under the mapping tab, so not here)."""
    return [" ".join(describe_upload(part)) for part in survey.parts] + describe_files(survey)[len(survey.parts):]
