"""The committed sample files: exactly what the generator writes, and read as a new user meets them."""

import hashlib
from pathlib import Path

from tiwell.ingest import read_data_dictionary
from tiwell.pipeline import score_file
from synthetic.respondents import TEAMS, simulate_survey
from synthetic.samples import write_samples

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


def test_the_committed_samples_are_what_the_generator_writes(tmp_path):
    for path in write_samples(tmp_path):
        committed = SAMPLES / path.relative_to(tmp_path)
        assert hashlib.sha256(path.read_bytes()).digest() == hashlib.sha256(committed.read_bytes()).digest(), \
            f"{committed.name} is out of date: run python -m synthetic.samples data/samples"


def test_the_microsoft_forms_sample_reads_with_blank_rows_and_personal_columns():
    survey = score_file((SAMPLES / "proqol5_microsoft_forms.xlsx").read_bytes(), "proqol5_microsoft_forms.xlsx")
    assert survey.table.layout == "microsoft_forms"
    assert len(survey.table.blank_rows) == 3
    assert [c for c, _ in survey.table.dropped] == ["Email", "Name", "Employee number"]
    assert survey.table.person_codes is None, "employee numbers are kept as codes only when asked"
    assert survey.counts["respondents"] == len(simulate_survey())
    assert survey.counts["prorated"] > 0 and survey.counts["not_scored"] > 0
    assert not survey.findings["code"].isin(["not_an_answer", "off_scale"]).any(), "case and spacing variants all read"
    assert sorted(survey.scored["wave"].unique()) == ["2025-03", "2025-09", "2026-03"]


def test_each_other_tools_sample_reads_everyone_with_team_names():
    layouts = SAMPLES / "layouts"
    labels = read_data_dictionary((layouts / "redcap_data_dictionary.csv").read_bytes(), "redcap_data_dictionary.csv")
    teams = {team.name for team in TEAMS}
    for name in ("limesurvey_text.xlsx", "smartsurvey.xlsx", "jisc_online_surveys.csv", "redcap_raw.csv",
                 "redcap_labels.csv", "typeform.csv", "jotform.xlsx"):
        survey = score_file((layouts / name).read_bytes(), name, code_labels=labels if "raw" in name else None)
        assert survey.counts["respondents"] == 30 and len(survey.mapping.item_columns("proqol5")) == 30, name
        assert set(survey.scored["team"]) <= teams, name
