"""Export layouts cell by cell, and the synthetic samples: realistic where the views need it,
reproducible to the byte."""

import csv
import hashlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from synthetic import layouts
from tiwell.instruments import load_builtin
from synthetic.respondents import LEAVING_QUESTION, OWN_QUESTIONS, TEAMS, WAVES, simulate_survey
from synthetic.samples import write_samples
from synthetic.staff import simulate_staff_list, simulate_turnover
from synthetic.yearly import FILES
from tiwell.pipeline import score_file

PROQOL = load_builtin("proqol5")
ITEMS = list(range(1, 31))
LABEL = {int(lab.value): lab.label for lab in PROQOL.scale.labels}
SUBSCALES = {s.id: s.items for s in PROQOL.subscales}
MORE_TOOLS = ["limesurvey_codes.csv", "limesurvey_text.xlsx", "smartsurvey.xlsx", "jisc_online_surveys.csv",
              "redcap_raw.csv", "redcap_data_dictionary.csv", "redcap_labels.csv", "qualtrics_numeric.csv",
              "surveymonkey_condensed.csv", "typeform.csv", "jotform.xlsx"]


def people() -> pd.DataFrame:
    """Three people: Ann answers n % 5 + 1, Bob skips item 7, Cy answers nothing."""
    rows = []
    for i, name in enumerate(["Ann Lee", "Bob Ray", "Cy Fox"]):
        answers = {n: [n % 5 + 1, 4 if n != 7 else pd.NA, pd.NA][i] for n in ITEMS}
        rows.append({"respondent": i + 1, "name": name, "email": f"{name.split()[0].lower()}@example.org",
                     "phone": "07700 900001" if i == 0 else "", "team": "Early Help", "role": "Admin",
                     "wave": "2025-03", "submitted": pd.Timestamp("2025-03-14 09:02:11") + pd.Timedelta(days=i),
                     **answers, "comment": "Thank you" if i == 0 else ""})
    return pd.DataFrame(rows).astype({n: "Int64" for n in ITEMS})


@pytest.fixture(scope="module")
def truth():
    return simulate_survey()


def sums(frame: pd.DataFrame) -> pd.DataFrame:
    """Subscale sums worked out here with NumPy alone (reverse 1, 4, 15, 17, 29; prorate one gap)."""
    values = frame[ITEMS].to_numpy(float, na_value=np.nan)
    values[:, [0, 3, 14, 16, 28]] = 6 - values[:, [0, 3, 14, 16, 28]]
    out = {}
    for sub, items in SUBSCALES.items():
        block = values[:, [n - 1 for n in items]]
        answered = np.isfinite(block).sum(axis=1)
        out[sub] = np.where(answered >= 9, np.nansum(block, axis=1) / np.maximum(answered, 1) * 10, np.nan)
    return pd.DataFrame(out, index=frame.index)


# ---------------------------------------------------------------- layouts


def test_adaptable_words_are_replaced_as_organisations_do():
    texts = layouts.statements(PROQOL)
    assert texts[3] == "I get satisfaction from being able to support people."
    assert texts[10] == "I feel trapped by my job as a support worker."
    assert texts[11] == 'Because of my supporting, I have felt "on edge" about various things.'
    assert texts[14] == "I feel as though I am experiencing the trauma of someone I have supported."
    assert texts[21] == "I feel overwhelmed because my caseload seems endless."
    assert layouts.statements(PROQOL, {})[21] == "I feel overwhelmed because my case [work] load seems endless."
    cared = layouts.statements(PROQOL, {"[help]": "care for"})
    assert cared[3] == "I get satisfaction from being able to care for people."


def test_microsoft_forms_rows():
    rows = layouts.microsoft_forms(people(), PROQOL)
    assert rows[0][:8] == ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
                           "Which team do you work in?", "What is your role?"]
    assert rows[0][8] == "I am happy." and rows[0][-1].startswith("Is there anything you would like")
    ann, bob, cy = rows[1:]
    assert ann[:5] == [1, ann[1], "3/14/25 9:02:11", "ann@example.org", "Ann Lee"]
    assert ann[8:38] == [LABEL[n % 5 + 1] for n in ITEMS] and ann[-1] == "Thank you"
    assert bob[8 + 6] == "" and bob[8] == "Often"
    assert cy[8:38] == [""] * 30
    assert len({len(r) for r in rows}) == 1


def test_google_forms_rows_and_literal_brackets():
    header = layouts.google_forms(people(), PROQOL)[0]
    assert header[:4] == ["Timestamp", "Email address", "Team", "Your role"]
    question = "How often have you experienced these in the last 30 days?"
    assert header[6] == f"{question} [I get satisfaction from being able to support people.]"
    literal = layouts.google_forms(people(), PROQOL, words={})[0]
    assert literal[5] == f"{question} [I am preoccupied with more than one person I [help].]"
    assert layouts.google_forms(people(), PROQOL)[1][0] == "3/14/2025 9:02:11"


def test_qualtrics_has_three_header_rows_and_import_ids():
    rows = layouts.qualtrics(people(), PROQOL)
    names, questions, ids = rows[:3]
    assert names[:6] == ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)"]
    assert names[17:19] == ["Q1", "Q2_1"] and names[-2:] == ["Q2_30", "Q3"]
    assert questions[8] == "Response ID" and questions[17] == "Which team do you work in?"
    assert questions[18].endswith(" - I am happy.")
    assert ids[0] == '{"ImportId":"startDate","timeZone":"Europe/London"}' and ids[8] == '{"ImportId":"_recordId"}'
    assert ids[18:48] == [f'{{"ImportId":"QID2_{n}"}}' for n in ITEMS]
    assert not any(cell.startswith('{"ImportId"') for row in rows[3:] for cell in map(str, row))
    ann, bob, cy = rows[3:]
    assert ann[18:48] == [n % 5 + 1 for n in ITEMS]
    assert (ann[4], ann[6], bob[6], cy[6]) == (100, 1, 0, 0)
    assert ann[0] < ann[1] == "2025-03-14 09:02:11" and ann[3].startswith("81.2.69.")
    assert ann[8].startswith("R_") and len(ann[8]) == 17 and ann[13] in {"51.5072", "53.4808", "53.8008", "51.4545"}
    labelled = layouts.qualtrics(people(), PROQOL, numeric=False)[3]
    assert labelled[18:48] == [LABEL[n % 5 + 1] for n in ITEMS] and labelled[6] == "True"


def test_qualtrics_csv_carries_a_bom_and_reads_back():
    data = layouts.to_csv_bytes(layouts.qualtrics(people(), PROQOL), bom=True)
    assert data.startswith(b"\xef\xbb\xbfStartDate,EndDate")
    back = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(back) == 6 and back[3][18] == "2" and back[5][18] == ""


def test_surveymonkey_two_header_rows():
    rows = layouts.surveymonkey(people(), PROQOL)
    top, under = rows[:2]
    assert top[9] == "Which team do you work in?"
    assert top[10] == "In the last 30 days, how often have you experienced the following?"
    assert top[11:40] == [""] * 29 and top[40] == "Is there anything else you would like to tell us?"
    assert under[:9] == [""] * 9 and under[9] == "Response" and under[40] == "Open-Ended Response"
    assert under[10] == "I am happy." and under[12] == "I get satisfaction from being able to support people."
    assert rows[2][8] == "07700 900001" and rows[2][10:40] == [LABEL[n % 5 + 1] for n in ITEMS]
    assert rows[2][3] == pd.Timestamp("2025-03-14 09:02:11").to_pydatetime()


def test_plain_excel_and_extra_sheets_come_first():
    rows = layouts.plain_excel(people(), PROQOL)
    assert rows[0] == ["Team", "Wave", *(f"Q{n}" for n in ITEMS)]
    assert rows[1][:4] == ["Early Help", "2025-03", 2, 3]
    data = layouts.to_xlsx_bytes(rows, sheet="Responses", extra_sheets={"Instructions": [["Read me"]]})
    book = pd.ExcelFile(io.BytesIO(data), engine="calamine")
    assert book.sheet_names == ["Instructions", "Responses"]
    back = pd.read_excel(book, sheet_name="Responses", header=None, dtype=str).fillna("")
    assert back.iloc[1, :4].tolist() == ["Early Help", "2025-03", "2", "3"] and back.iloc[3, 2] == ""


def test_layouts_never_change_the_callers_table():
    frame = people()
    before = frame.copy()
    for write in (layouts.microsoft_forms, layouts.google_forms, layouts.qualtrics, layouts.surveymonkey,
                  layouts.plain_excel):
        write(frame, PROQOL)
    pd.testing.assert_frame_equal(frame, before)


def test_workbooks_carry_fixed_time_stamps_and_utf16_text_reads():
    data = layouts.to_xlsx_bytes(layouts.surveymonkey(people(), PROQOL), sheet="Sheet")
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert {info.date_time for info in archive.infolist()} == {(2026, 1, 1, 9, 0, 0)}
    assert b"2026-01-01T09:00:00Z</dcterms:modified>" in archive.read("docProps/core.xml")
    text = layouts.to_csv_bytes(layouts.microsoft_forms(people(), PROQOL), encoding="utf-16", sep="\t")
    assert text[:2] == b"\xff\xfe" and text.decode("utf-16").split("\r\n")[1].split("\t")[4] == "Ann Lee"


# ---------------------------------------------------------------- the simulated survey


def test_survey_shape(truth):
    assert 850 <= len(truth) <= 950
    assert truth.columns.tolist() == ["respondent", "name", "email", "phone", "employee_id", "team", "role", "wave",
                                      "submitted", *ITEMS, "comment", *(q for q, *_ in OWN_QUESTIONS), LEAVING_QUESTION]
    assert truth["employee_id"].str.fullmatch(r"(E1\d{4})?").all() and 0.05 < truth["employee_id"].eq("").mean() < 0.11
    assert truth["respondent"].tolist() == list(range(1, len(truth) + 1))
    assert truth["submitted"].is_monotonic_increasing
    assert sorted(truth["wave"].unique()) == list(WAVES)
    per_team = truth.groupby(["team", "wave"]).size().unstack(fill_value=0)
    assert len(per_team) >= 8 and per_team.shape[1] == 3
    tiny = per_team[per_team.max(axis=1) < 5]
    assert tiny.index.tolist() == ["Clinical Psychology"] and (tiny >= 3).all(axis=None)
    assert set(truth["role"]) == {"Practitioner", "Senior practitioner", "Team manager", "Support worker", "Admin"}
    assert truth["email"].str.fullmatch(r"[a-z]+\.[a-z]+@example\.org").all()
    assert truth["phone"].eq("").mean() > 0.5 and truth["phone"].str.fullmatch(r"(07700 900\d{3})?").all()
    values = truth[ITEMS].stack()
    assert str(truth[1].dtype) == "Int64" and values.between(1, 5).all()


def test_submissions_fall_within_three_weeks_of_each_opening(truth):
    for wave, opening in WAVES.items():
        dates = truth.loc[truth["wave"].eq(wave), "submitted"]
        assert dates.min() >= pd.Timestamp(opening) and dates.max() < pd.Timestamp(opening) + pd.Timedelta(days=21)
        assert dates.min().strftime("%Y-%m") == wave, "a wave is labelled by the month it opened"


def test_missing_answers_come_in_realistic_kinds(truth):
    missing = truth[ITEMS].isna()
    blank = missing.all(axis=1)
    half = missing.any(axis=1) & ~blank & (missing.sum(axis=1) >= 10)
    one = missing.sum(axis=1) == 1
    assert 0.01 <= blank.mean() <= 0.035 and 0.02 <= half.mean() <= 0.05 and one.sum() >= 5
    answered = (~missing[half]).sum(axis=1)
    assert answered.between(10, 20).all()
    first_gap = (~missing[half]).to_numpy().argmin(axis=1)
    assert (first_gap == answered.to_numpy()).all(), "the first items answered, then none"
    assert truth.loc[blank, ["name", "team", "wave"]].ne("").all(axis=None), "metadata kept on blank rows"
    comments = truth["comment"].ne("")
    assert 0.33 <= comments.mean() <= 0.42 and not comments[blank | half].any()


def test_scores_look_like_published_norms_and_the_items_hang_together(truth):
    scores = sums(truth)
    means = scores.mean()
    assert 37 <= means["compassion_satisfaction"] <= 40
    assert 22 <= means["burnout"] <= 26 and 20 <= means["secondary_traumatic_stress"] <= 24
    assert scores.std().between(4, 8).all()
    assert scores.corr().loc["compassion_satisfaction", "burnout"] < -0.3
    reversed_happy = 6 - truth[1].astype(float)
    worn_out = truth[19].astype(float)
    assert reversed_happy.corr(worn_out) > 0.2, "reversed items are written reversed"


def test_team_and_wave_patterns(truth):
    burnout = sums(truth)["burnout"].groupby([truth["team"], truth["wave"]]).mean().unstack()
    assert burnout.loc["Children's Residential"].mean() > burnout.loc["Family Support South"].mean() + 3
    assert burnout.loc["Youth Justice"].mean() > burnout.loc["Fostering & Adoption"].mean() + 2
    north, early = burnout.loc["Family Support North"], burnout.loc["Early Help"]
    assert north.is_monotonic_decreasing and north.iloc[0] - north.iloc[-1] > 4
    assert early.is_monotonic_increasing and early.iloc[-1] - early.iloc[0] > 4


def test_the_same_seed_gives_the_same_people():
    first = simulate_survey(seed=5)
    pd.testing.assert_frame_equal(first, simulate_survey(seed=5))
    assert not first.equals(simulate_survey(seed=6))


def test_people_come_back_between_waves(truth):
    waves = [set(truth.loc[truth["wave"].eq(w), "email"]) for w in WAVES]
    assert len(waves[0] & waves[1]) > 0.5 * len(waves[1])
    assert not truth.duplicated(["wave", "email"]).any(), "nobody answers twice in one wave"


# ---------------------------------------------------------------- turnover


def test_turnover_is_consistent_and_follows_burnout(truth):
    turnover = simulate_turnover(truth)
    assert turnover.columns.tolist() == ["team", "period", "period_start", "period_end", "headcount_start",
                                         "headcount_end", "leavers", "voluntary_leavers"]
    assert sorted(turnover["period"].unique()) == ["2025-H1", "2025-H2", "2026-H1"]
    assert set(turnover["team"]) == {t.name for t in TEAMS} and len(turnover) == 3 * len(TEAMS)
    assert (turnover["voluntary_leavers"] <= turnover["leavers"]).all()
    assert (turnover["leavers"] <= turnover["headcount_start"]).all()
    h1 = turnover[turnover["period"].eq("2025-H1")].iloc[0]
    assert (h1["period_start"], h1["period_end"]) == ("2025-01-01", "2025-06-30")
    period = truth["wave"].map({"2025-03": "2025-H1", "2025-09": "2025-H2", "2026-03": "2026-H1"})
    respondents = truth.groupby(["team", period]).size()
    rate = respondents / turnover.set_index(["team", "period"])["headcount_start"]
    assert rate.between(0.55, 0.85).all(), "headcounts exceed respondents at a 60-80% response rate"
    for team, group in turnover.groupby("team"):
        assert group["headcount_end"].iloc[:-1].tolist() == group["headcount_start"].iloc[1:].tolist()
    burnout = sums(truth)["burnout"].groupby([truth["team"], period]).mean()
    # The team of five is left out: one leaver there is a rate of 20, and the pages never show it.
    leaver_rate = turnover.set_index(["team", "period"]).eval("leavers / headcount_start").drop("Clinical Psychology")
    assert leaver_rate.corr(burnout.reindex(leaver_rate.index)) > 0.3


def test_the_staff_list_holds_everyone_who_answered_and_leaving_follows_strain(truth):
    staff = simulate_staff_list()
    assert staff.columns.tolist() == ["Employee number", "Team", "Start date", "Leave date", "Reason for leaving"]
    assert staff["Employee number"].is_unique
    given = truth[truth["employee_id"].ne("")]
    teams = given["employee_id"].map(staff.set_index("Employee number")["Team"])
    assert teams.notna().all() and (teams == given["team"]).all(), "every number given is on the list, same team"
    leave = pd.to_datetime(given["employee_id"].map(staff.set_index("Employee number")["Leave date"]).replace("", None))
    assert (leave.isna() | (leave > given["submitted"])).all(), "nobody answers after leaving"
    assert (staff["Leave date"].eq("") | (staff["Leave date"] > staff["Start date"])).all()
    assert staff["Leave date"].max() <= "2026-09-30" and 100 <= staff["Leave date"].ne("").sum() <= 200
    left_soon = leave.notna() & (leave - given["submitted"] < pd.Timedelta(days=183))
    burnout = sums(given)["burnout"]
    assert burnout[left_soon].mean() > burnout[~left_soon].mean() + 1


# ---------------------------------------------------------------- sample files


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    return write_samples(tmp_path_factory.mktemp("samples"))


def test_sample_files_and_their_rows(written):
    root = written[0].parent
    assert [p.relative_to(root).as_posix() for p in written] == [
        "proqol5_microsoft_forms.xlsx", "turnover_by_team.csv", "staff_list.csv", "layouts/google_forms.csv",
        "layouts/qualtrics.csv", "layouts/surveymonkey.xlsx", "layouts/plain_excel.xlsx",
        "proqol5_microsoft_forms_2025.xlsx", "workspace_example.json", *(f"layouts/{name}" for name in MORE_TOOLS),
        "mbi.xlsx", *(f"yearly/{name}" for name in FILES)]
    written = written[:2] + written[3:]
    forms = pd.read_excel(written[0], sheet_name="Sheet1", header=None, dtype=str, engine="calamine").fillna("")
    assert len(forms) == 1 + len(simulate_survey()) + 3
    assert forms.iloc[1:].eq("").all(axis=1).sum() == 3, "three cleared rows between respondents"
    assert forms.iloc[0, 6] == "Employee number"
    answers = pd.Series(forms.iloc[1:, 9:39].to_numpy().ravel())
    answers = answers[answers.ne("")]
    assert answers.str.strip().str.lower().isin([label.lower() for label in LABEL.values()]).all()
    odd = answers[~answers.isin(LABEL.values())]
    assert len(odd) == 9 and odd.str.islower().sum() == odd.str.isupper().sum() == odd.str.startswith(" ").sum() == 3
    assert pd.read_csv(written[2]).shape[0] == 60 and pd.read_csv(written[3], encoding="utf-8-sig").shape[0] == 62
    assert written[3].read_bytes().startswith(b"\xef\xbb\xbf")
    assert pd.read_excel(written[4], sheet_name="Sheet", header=None, engine="calamine").shape[0] == 62
    plain = pd.read_excel(written[5], sheet_name="Responses", engine="calamine")
    assert len(plain) == 60 and set(plain["Wave"]) == {"2026-03"}


def test_the_mbi_sample_is_the_same_people_answering_on_the_mbi_scale(written):
    # The same respondents, teams and waves as the ProQOL sample; answers 0..6. Emotional exhaustion
    # follows the burnout level stretched from 1..5 onto 0..6 (x 1.5 per step): Children's Residential
    # (shift +0.40..+0.45) sits near (2.3 + 0.43 - 1) x 1.5 x 9 = 23 and Fostering & Adoption (-0.1)
    # near (2.3 - 0.1 - 1) x 1.5 x 9 = 16, so at least 4 points apart.
    mbi = load_builtin("mbi_hss")
    truth, proqol = simulate_survey(instrument=mbi), simulate_survey()
    assert truth[["respondent", "team", "wave"]].equals(proqol[["respondent", "team", "wave"]])
    answers = truth[list(mbi.item_numbers)].stack().dropna()
    assert answers.between(0, 6).all() and set(answers) == set(range(7))
    path = next(p for p in written if p.name == "mbi.xlsx")
    survey = score_file(path.read_bytes(), path.name)
    assert [inst.id for inst in survey.instruments] == ["mbi_hss"] and len(survey.mapping.item_columns("mbi_hss")) == 22
    exhaustion = survey.scored.groupby("team")["emotional_exhaustion"].mean()
    assert exhaustion["Children's Residential"] > exhaustion["Fostering & Adoption"] + 4


def test_samples_are_byte_for_byte_reproducible(written, tmp_path):
    again = write_samples(tmp_path)
    digest = lambda p: hashlib.sha256(p.read_bytes()).hexdigest()  # noqa: E731
    assert [digest(p) for p in written] == [digest(p) for p in again]


def test_the_module_runs_from_the_command_line(tmp_path):
    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-m", "synthetic.samples", str(tmp_path)], cwd=root,
                          capture_output=True, text=True, check=True)
    assert len(done.stdout.splitlines()) == 10 + len(MORE_TOOLS) + len(FILES) and (tmp_path / "layouts" / "qualtrics.csv").exists()
