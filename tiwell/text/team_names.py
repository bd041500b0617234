"""Team names matched between two lists: the same team written two ways ('Early help' and
'Early Help ') is one team, and a near miss ('Youth Justice Team' for 'Youth Justice') is offered
for a person to check. Shared by the turnover page (HR teams to survey teams) and by combining
several exports (each year's teams to the teams already seen)."""

from __future__ import annotations

import pandas as pd
from rapidfuzz import fuzz, process

from tiwell.text.spelling import normalise

TEAM_MATCH_SCORE = 85


def match_teams(survey_teams, hr_teams) -> pd.DataFrame:
    """Each HR team's survey team: exact (ignoring case and punctuation), a near miss to review
    ('Youth Justice Team' for 'Youth Justice'), or none."""
    survey = {normalise(t): t for t in survey_teams}
    rows = []
    for team in hr_teams:
        key = normalise(team)
        if key in survey:
            rows.append((team, survey[key], 100.0, "same name"))
            continue
        hit = process.extractOne(key, list(survey), scorer=fuzz.token_set_ratio, score_cutoff=TEAM_MATCH_SCORE)
        rows.append((team, survey[hit[0]], hit[1], "similar name: please check") if hit else (team, None, 0.0, "no match"))
    return pd.DataFrame(rows, columns=["hr_team", "survey_team", "score", "how"])
