"""The sample files in ``data/samples``, written from the made-up organisation.

``python -m synthetic.samples [OUT_DIR]`` writes them: the survey as Microsoft Forms exports it,
and in each other tool's layout (:mod:`synthetic.layouts`), from :mod:`synthetic.respondents`;
the other tools' exports (LimeSurvey, SmartSurvey, Jisc, REDCap with its data dictionary,
Qualtrics' and SurveyMonkey's numeric downloads, Typeform, Jotform) from :mod:`synthetic.tool_layouts`;
team turnover and the staff list from :mod:`synthetic.staff`; a workspace logging one action; the
MBI-HSS answered by the same people; and the survey as three yearly exports (:mod:`synthetic.yearly`).
The same seed always writes the same bytes.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from synthetic import layouts, tool_layouts
from synthetic.yearly import yearly_exports
from synthetic.respondents import SEED, WAVES, simulate_survey
from synthetic.staff import simulate_staff_list, simulate_turnover
from tiwell.actions import Action
from tiwell.instruments import Instrument, load_builtin
from tiwell.workspace import Workspace

# The action the sample's workspace logs: Family Support North's burnout falls after it (see TEAMS).
SAMPLE_ACTION = Action("protected-reflective-supervision-started", pd.Timestamp("2025-06-01").date(),
                       "Protected reflective supervision started", "Peer support", "Service manager",
                       ("Family Support North",))


def write_samples(out_dir: Path | str) -> list[Path]:
    """The sample files: the whole survey as Microsoft Forms exports it (with the blank rows and
    odd spellings real files have), the same export as it stood after the first two waves, a
    workspace logging one action, team turnover, the staff list, 60 people of the last wave in
    each other layout, 30 of them as each of the other tools exports them, the MBI-HSS
    answered by the same organisation, and the survey as three yearly exports (:mod:`synthetic.yearly`)."""
    out = Path(out_dir)
    for folder in ("layouts", "yearly"):
        (out / folder).mkdir(parents=True, exist_ok=True)
    instrument = load_builtin("proqol5")
    truth = simulate_survey(instrument=instrument)
    rng = np.random.default_rng(SEED)
    forms = _vary_labels(rng, _with_blank_rows(rng, layouts.microsoft_forms(truth, instrument), 3), instrument)
    last = truth[truth["wave"].eq(list(WAVES)[-1])]
    first_year = truth[truth["wave"].isin(list(WAVES)[:2])]
    demo = last.iloc[np.linspace(0, len(last) - 1, 60).astype(int)]
    files = {
        "proqol5_microsoft_forms.xlsx": layouts.to_xlsx_bytes(forms, sheet="Sheet1"),
        "turnover_by_team.csv": simulate_turnover(truth).to_csv(index=False, lineterminator="\n").encode(),
        "staff_list.csv": simulate_staff_list(instrument=instrument).to_csv(index=False, lineterminator="\n").encode(),
        "layouts/google_forms.csv": layouts.to_csv_bytes(layouts.google_forms(demo, instrument)),
        "layouts/qualtrics.csv": layouts.to_csv_bytes(layouts.qualtrics(demo, instrument), bom=True),
        "layouts/surveymonkey.xlsx": layouts.to_xlsx_bytes(layouts.surveymonkey(demo, instrument), sheet="Sheet"),
        "layouts/plain_excel.xlsx": layouts.to_xlsx_bytes(layouts.plain_excel(demo, instrument), sheet="Responses"),
        "proqol5_microsoft_forms_2025.xlsx": layouts.to_xlsx_bytes(layouts.microsoft_forms(first_year, instrument),
                                                                   sheet="Sheet1"),
        "workspace_example.json": Workspace(actions=(SAMPLE_ACTION,)).to_json().encode() + b"\n",
        **_more_tools(demo.iloc[::2], instrument),
        "mbi.xlsx": _mbi_export(),
        **{f"yearly/{name}": data for name, data in yearly_exports(truth).items()},
    }
    for name, data in files.items():
        (out / name).write_bytes(data)
    return [out / name for name in files]


def _mbi_export() -> bytes:
    """The same organisation answering the MBI-HSS (item numbers only: its wording is licensed),
    as a plain workbook of team, wave and Q1..Q22, for the README's MBI example."""
    instrument = load_builtin("mbi_hss")
    return layouts.to_xlsx_bytes(layouts.plain_excel(simulate_survey(instrument=instrument), instrument),
                                 sheet="Responses")


def _more_tools(people: pd.DataFrame, instrument: Instrument) -> dict[str, bytes]:
    """30 of the same people as each of the other tools exports them (:mod:`synthetic.tool_layouts`)."""
    csv, xlsx = layouts.to_csv_bytes, layouts.to_xlsx_bytes
    return {
        "layouts/limesurvey_codes.csv": csv(tool_layouts.limesurvey_codes(people, instrument)),
        "layouts/limesurvey_text.xlsx": xlsx(tool_layouts.limesurvey_text(people, instrument), sheet="results"),
        "layouts/smartsurvey.xlsx": xlsx(tool_layouts.smartsurvey(people, instrument), sheet="Responses"),
        "layouts/jisc_online_surveys.csv": csv(tool_layouts.jisc(people, instrument)),
        "layouts/redcap_raw.csv": csv(tool_layouts.redcap_raw(people, instrument)),
        "layouts/redcap_data_dictionary.csv": csv(tool_layouts.redcap_dictionary(instrument)),
        "layouts/redcap_labels.csv": csv(tool_layouts.redcap_labels(people, instrument)),
        "layouts/qualtrics_numeric.csv": csv(tool_layouts.qualtrics_numeric(people, instrument), bom=True),
        "layouts/surveymonkey_condensed.csv": csv(tool_layouts.surveymonkey_condensed(people, instrument)),
        "layouts/typeform.csv": csv(tool_layouts.typeform(people, instrument)),
        "layouts/jotform.xlsx": xlsx(tool_layouts.jotform(people, instrument), sheet="Submissions"),
    }


def _with_blank_rows(rng: np.random.Generator, rows: list[list], count: int) -> list[list]:
    """Empty rows between respondents (one header row above), as when someone clears a row."""
    rows = list(rows)
    for at in sorted(rng.choice(np.arange(2, len(rows)), count, replace=False), reverse=True):
        rows.insert(int(at), [""] * len(rows[0]))
    return rows


def _vary_labels(rng: np.random.Generator, rows: list[list], instrument: Instrument) -> list[list]:
    """Three answers each in lower case, padded with spaces and in capitals: still valid labels."""
    labels = {label.label for label in instrument.scale.labels}
    cells = [(r, c) for r, row in enumerate(rows[1:], start=1) for c, cell in enumerate(row) if cell in labels]
    rows = [list(row) for row in rows]
    for k, i in enumerate(rng.choice(len(cells), 9, replace=False)):
        r, c = cells[i]
        rows[r][c] = (str.lower, lambda s: f" {s} ", str.upper)[k % 3](rows[r][c])
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m synthetic.samples", description="Write tiwell's sample files.")
    parser.add_argument("out_dir", nargs="?", default="data/samples", help="where to write (default: %(default)s)")
    for path in write_samples(parser.parse_args(argv).out_dir):
        print(path)


if __name__ == "__main__":
    main()
