"""The sample survey as an organisation that makes a new form each year exports it: one file per
wave, the way the three-files-to-three-waves journey meets them.

The first two waves are Microsoft Forms workbooks with their dates; the last is a CSV of a form
made afresh, whose team question was reworded ("Which part of the organisation are you in?", which no
header rule reads as the team), whose columns came out in another order, with one team typed in
another case and no dates at all, so its wave is named by the person (the file's name by default).
"""

from __future__ import annotations

import pandas as pd

from synthetic import layouts
from synthetic.respondents import WAVES, simulate_survey
from tiwell.instruments import load_builtin

TEAM_QUESTION = "Which team do you work in?"
REWORDED_TEAM_QUESTION = "Which part of the organisation are you in?"
FILES = ("wellbeing_2025-03.xlsx", "wellbeing_2025-09.xlsx", "wellbeing_2026.csv")
DATE_HEADERS = ("Start time", "Completion time", "Last modified time")


def yearly_exports(truth: pd.DataFrame | None = None) -> dict[str, bytes]:
    """File name -> bytes, one file per wave of ``truth`` (default: the sample's people)."""
    instrument = load_builtin("proqol5")
    truth = simulate_survey(instrument=instrument) if truth is None else truth
    waves = [layouts.microsoft_forms(truth[truth["wave"] == wave], instrument) for wave in WAVES]
    return {FILES[0]: layouts.to_xlsx_bytes(waves[0]), FILES[1]: layouts.to_xlsx_bytes(waves[1]),
            FILES[2]: layouts.to_csv_bytes(reworded(waves[2]))}


def reworded(rows: list[list]) -> list[list]:
    """A wave's rows as next year's form: team question reworded, no dates, columns reversed, and
    'Early Help' typed as 'early help'."""
    header = rows[0]
    keep = [k for k, name in enumerate(header) if name not in DATE_HEADERS][::-1]
    team = header.index(TEAM_QUESTION)
    out = [[REWORDED_TEAM_QUESTION if k == team else header[k] for k in keep]]
    for row in rows[1:]:
        out.append([("early help" if row[k] == "Early Help" else row[k]) if k == team else row[k] for k in keep])
    return out
