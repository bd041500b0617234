"""The action log: checked on the way in with the action and field named, placed between the
waves it fell between, drawn on the trend chart, and told in the presentation."""

import io
from dataclasses import replace
from datetime import date

import numpy as np
import pandas as pd
import pytest
from pptx import Presentation

from tiwell.charts import figures as charts
from tiwell.actions import (Action, ActionError, check_log, dated_markers, log_from_table, log_table,
                            make_action, markers, theme_action, waves_after)
from tiwell.present import Choices, build, chart_svg, deck_bytes, neutral_labels, report_html
from tiwell.pipeline import score_file
from tiwell.theme import PRINCIPLE_LABELS
from synthetic.samples import SAMPLE_ACTION
from tiwell.present.workbook import views_table
from ui.state import SAMPLE

GOOD = {"date": "2025-06-01", "title": "Caseload cap", "teams": ["Early Help"], "principle": "Safety",
        "owner": "Head of service"}
WAVES = ["2025-03", "2025-09", "2026-03"]


def test_an_action_from_a_dict_is_complete():
    action = make_action(GOOD)
    assert action == Action("caseload-cap", date(2025, 6, 1), "Caseload cap", "Safety", "Head of service",
                            ("Early Help",))
    assert action.scope == "Early Help" and make_action(GOOD | {"teams": []}).scope == "the whole organisation"
    assert make_action(GOOD | {"teams": "B; A ;"}).teams == ("A", "B")


@pytest.mark.parametrize("change, message", [
    ({"principle": "Kindness"}, "action ('Caseload cap'): principle 'Kindness' is not one of: Safety; "),
    ({"date": "1 June"}, "action ('Caseload cap'): date '1 June' is not a date written as year-month-day"),
    ({"owner": "  "}, "action ('Caseload cap'): owner is empty; every action needs one."),
    ({"title": None}, "action: title is empty"),
    ({"teams": [1]}, "teams must be a list of team names"),
])
def test_a_bad_field_is_named(change, message):
    with pytest.raises(ActionError) as caught:
        make_action(GOOD | change)
    assert message in str(caught.value)


def test_the_log_refuses_unknown_teams_and_shared_ids_and_sorts_by_date():
    later = make_action(GOOD | {"date": "2025-10-01", "title": "Peer groups", "principle": PRINCIPLE_LABELS[2]})
    first = make_action(GOOD)
    assert check_log([later, first]) == (first, later)
    with pytest.raises(ActionError, match="names team 'Early Help', which this survey does not have"):
        check_log([first], teams=["North"])
    with pytest.raises(ActionError, match="Two actions share the id 'caseload-cap'"):
        check_log([first, first])


def test_the_log_table_round_trips_and_skips_blank_rows():
    log = (make_action(GOOD), SAMPLE_ACTION)
    table = log_table(log)
    assert table.columns.tolist() == ["id", "date", "title", "teams", "principle", "owner", "theme"]
    blank = pd.DataFrame([{c: None for c in table.columns}])
    assert log_from_table(pd.concat([table, blank], ignore_index=True)) == check_log(list(log))
    added = pd.concat([table, pd.DataFrame([GOOD | {"id": None, "date": date(2025, 7, 1)}])], ignore_index=True)
    ids = [a.id for a in log_from_table(added)]
    assert ids == ["caseload-cap", "protected-reflective-supervision-started", "caseload-cap-3"]
    edited = table.assign(teams=[np.array(["Early Help"]), np.array([], dtype=object)],
                          date=[pd.Timestamp("2025-06-02 00:00"), pd.Timestamp("2025-06-01")])
    assert [(a.date, a.teams) for a in log_from_table(edited)] == [
        (date(2025, 6, 1), ()), (date(2025, 6, 2), ("Early Help",))], "as the table editor hands them back"
    with pytest.raises(ActionError, match="Row 1 \\('Caseload cap'\\): owner is empty"):
        log_from_table(table.assign(owner=""))


def test_a_theme_becomes_an_action_that_keeps_its_theme_through_the_table_and_the_file():
    action = theme_action("workload", "Workload", "empowerment, voice and choice", date(2026, 4, 2))
    assert action == Action("theme-workload-2026-04-02", date(2026, 4, 2), "Act on what staff wrote: Workload",
                            "Empowerment, voice and choice", "to be agreed", (), "workload")
    assert log_from_table(log_table((action, SAMPLE_ACTION))) == check_log([action, SAMPLE_ACTION])
    assert make_action(action.to_dict()) == action
    assert "theme" not in SAMPLE_ACTION.to_dict(), "a log made before themes saves as it did"
    with pytest.raises(ActionError, match="Theme 'Workload': principle 'kindness' is not one of: safety; "):
        theme_action("workload", "Workload", "kindness", date(2026, 4, 2))


def test_a_themes_share_before_and_after_its_action_is_told():
    from tiwell.analysis import theme_moved
    action = theme_action("workload", "Workload", "safety", date(2025, 6, 2))
    shares = pd.DataFrame({"wave": WAVES, "theme": "workload", "label": "Workload", "share": [0.4, 0.3, 0.25]})
    assert theme_moved(shares, action).startswith(
        "Workload: mentioned by 40% of those who wrote something in 2025-03, before the action, and 30% in 2025-09, "
        "after it (-10 points).")
    hidden_after = shares.assign(share=[0.4, np.nan, np.nan])
    assert theme_moved(hidden_after, action) == ("Workload: no wave after the action shows this theme yet; the next "
                                                 "wave will tell whether its share moved.")
    early = theme_action("workload", "Workload", "safety", date(2025, 1, 5))
    assert theme_moved(shares, early) == ("Workload: no wave before the action shows this theme, so there is nothing "
                                          "to compare it with.")
    assert "not labelled by month" in theme_moved(shares.assign(wave=["a", "b", "c"]), action)


def test_waves_after_an_action_and_its_marker():
    action = make_action(GOOD)
    assert waves_after(action, WAVES) == ["2025-09", "2026-03"]
    same_month = make_action(GOOD | {"date": "2025-09-01"})
    assert waves_after(same_month, WAVES) == ["2026-03"], "a wave in the action's month is before it"
    assert waves_after(action, ["Spring", "Autumn"]) is None
    assert markers((action,), WAVES) == [(0.5, "01 Jun 2025: Caseload cap")]
    assert markers((same_month,), WAVES)[0][0] == 1.5
    assert markers((action,), WAVES, teams=["North"]) == [], "another team's action is not drawn"
    everyone = make_action(GOOD | {"teams": []})
    assert markers((everyone,), WAVES, teams=["North"])[0][0] == 0.5
    before_all = make_action(GOOD | {"date": "2024-01-01"})
    assert markers((before_all,), WAVES) == [], "an action before the first wave has nothing to sit between"


def test_the_trend_chart_draws_a_dashed_line_and_label_per_action():
    table = pd.DataFrame({"wave": WAVES, "mean": [25.0, 24, 23], "ci_low": [24.0, 23, 22], "ci_high": [26.0, 25, 24],
                          "n": [40, 41, 42], "series": "This selection"})
    fig = charts.trend(table, "Burnout", "series", waves=WAVES, marks=markers((make_action(GOOD),), WAVES))
    (line,) = fig.layout.shapes
    assert (line.x0, line.x1, line.line.dash) == (0.5, 0.5, "dash")
    assert fig.layout.annotations[0].text.strip() == "01 Jun 2025: Caseload cap"
    assert list(fig.layout.xaxis.categoryarray) == WAVES
    marked = charts.trend(table, "Burnout", "series", waves=WAVES,
                          marks=markers((make_action(GOOD | {"title": "<a href='x'>Cap</a>"}),), WAVES))
    assert marked.layout.annotations[0].text.strip() == "01 Jun 2025: &lt;a href='x'&gt;Cap&lt;/a&gt;"


def test_the_turnover_timeline_marks_the_teams_actions_by_date():
    action = make_action(GOOD)
    assert dated_markers((action,), ["Early Help"]) == [("2025-06-01", "01 Jun 2025: Caseload cap")]
    assert dated_markers((action,), ["North"]) == []
    points = pd.DataFrame({"date": pd.to_datetime(["2025-03-03", "2025-09-08"]), "mean": [25.0, 24],
                           "ci_low": [24.0, 23], "ci_high": [26.0, 25]})
    turnover = pd.DataFrame({"period_start": pd.to_datetime(["2025-01-01"]), "period_end": pd.to_datetime(["2025-06-30"]),
                             "rate": [12.0], "period": ["2025-H1"]})
    fig = charts.timeline(points, turnover, "Burnout", "rate", dated_markers((action,)))
    assert [(s.x0, s.line.dash) for s in fig.layout.shapes] == [("2025-06-01", "dash")]


@pytest.fixture(scope="module")
def survey():
    return score_file(SAMPLE.read_bytes(), SAMPLE.name)


def test_the_presentation_tells_the_logged_actions(survey):
    story = build(survey, Choices(actions=(SAMPLE_ACTION,), commitments="Monthly team check-ins"))
    change = next(s for s in story.slides if s.key == "change")
    assert change.chart.marks == ((0.5, "01 Jun 2025: Protected reflective supervision started"),)
    assert change.points[-1] == ("Action taken between 2025-03 and 2025-09 (01 Jun 2025: Protected "
                                 "reflective supervision started).")
    committed = next(s for s in story.slides if s.key == "commitments")
    assert committed.points == ("Protected reflective supervision started (Family Support North, from 01 June 2025; "
                                "peer support; owner: Service manager).", "Monthly team check-ins")
    svg = chart_svg(change.chart)
    assert svg.count('class="tw-action"') == 1 and "Protected reflective supervision" in svg
    assert report_html(story).count('class="tw-action"') == 1, "the HTML report draws the marker too"
    deck = Presentation(io.BytesIO(deck_bytes(story)))
    text = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert sum("Protected reflective supervision started" in t for t in text) == 2, "change and commitments slides"
    views = views_table(story)["text"].tolist()
    assert change.points[-1] in views and committed.points[0] in views


def test_the_presentation_keeps_neutral_labels_and_other_teams_actions_out(survey):
    named = replace(SAMPLE_ACTION, title="Supervision for Family Support North")
    story = build(survey, Choices(team="Family Support North", neutral_labels=True, actions=(named,), label_key=b"k"))
    committed = next(s for s in story.slides if s.key == "commitments")
    label = neutral_labels(survey.scored["team"].dropna(), b"k")["Family Support North"]
    assert committed.points[0].startswith(f"Supervision for [name] ({label}, from 01 June 2025")
    assert "Family Support North" not in " ".join(p for s in story.slides for p in s.points)
    other = build(survey, Choices(team="Early Help", actions=(SAMPLE_ACTION,)))
    assert next(s for s in other.slides if s.key == "change").chart.marks == ()
