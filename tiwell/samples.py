"""Realistic synthetic samples, reproducible from a seed: ``python -m tiwell.samples [OUT_DIR]``.

A made-up family-support organisation surveys its staff with the ProQOL 5 three times. Each
person's answers come from latent levels of compassion satisfaction, burnout and secondary
traumatic stress that depend on their team and the wave (residential and youth justice work
carry more; Early Help improves after a change; Adult Safeguarding drifts the other way), so the
views show patterns worth talking about. Turnover is drawn to follow each team's burnout.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from tiwell import layouts
from tiwell.instrument import Instrument, load_builtin
from tiwell.scoring import score

WAVES = {"2025-03": "2025-03-03", "2025-09": "2025-09-08", "2026-03": "2026-03-02"}
PERIODS = {"2025-H1": ("2025-01-01", "2025-06-30"), "2025-H2": ("2025-07-01", "2025-12-31"),
           "2026-H1": ("2026-01-01", "2026-06-30")}
# team: (staff, burnout shift, STS shift, CS shift, burnout change per wave)
TEAMS = {
    "Children's Residential": (52, 0.45, 0.35, -0.10, 0.0),
    "Family Support North": (48, 0.05, 0.05, 0.15, 0.0),
    "Family Support South": (46, 0.15, 0.10, 0.05, 0.0),
    "Youth Justice": (44, 0.40, 0.40, -0.05, 0.0),
    "Fostering & Adoption": (40, 0.00, 0.15, 0.20, 0.0),
    "Adult Safeguarding": (42, 0.05, 0.20, 0.00, 0.25),
    "Early Help": (50, 0.40, 0.05, 0.05, -0.32),
    "Business Support": (34, -0.15, -0.45, -0.05, 0.0),
    "Clinical Psychology": (4, 0.10, 0.30, 0.25, 0.0),
}
ROLES = ["Practitioner", "Senior practitioner", "Support worker", "Team manager", "Admin"]
FIRST = ["Alex", "Sam", "Jo", "Chris", "Pat", "Robin", "Kim", "Lee", "Ash", "Jordan", "Morgan", "Taylor",
         "Casey", "Jamie", "Riley", "Drew", "Ellis", "Frankie", "Hayden", "Rowan"]
LAST = ["Example", "Sample", "Test", "Demo", "Placeholder", "Fictional", "Madeup", "Notreal"]
COMMENTS = [
    "Reflective supervision has really helped this quarter.",
    "Caseloads feel unmanageable at the moment and I worry about the families we can't reach.",
    "The team looks after each other, which keeps me going.",
    "I would like more time to debrief after difficult visits.",
    "Changes to the rota have made it easier to plan my week.",
    "It is hard to switch off after some of the stories we hear.",
    "Thank you for asking. It helps to know someone is listening.",
    "More clarity about what is expected of us would help.",
    "Peer support sessions are valuable; please keep them.",
    "I feel proud of the work we do, even when it is heavy.",
]
RESPONSE_RATE = 0.8


def simulate_survey(*, seed: int = 2026, instrument: Instrument | None = None) -> pd.DataFrame:
    """The truth table of :mod:`tiwell.layouts`: one row per response, answers as Int64."""
    inst = instrument or load_builtin("proqol5")
    rng = np.random.default_rng(seed)
    staff = _staff(rng)
    rows = []
    for w, (wave, start) in enumerate(WAVES.items()):
        answering = staff[rng.random(len(staff)) < RESPONSE_RATE]
        if wave != "2025-03":  # people who left are replaced by new starters
            answering = answering.assign(person=answering["person"] + w * 10_000 * (rng.random(len(answering)) < 0.12))
        for _, person in answering.iterrows():
            rows.append(_response(person, wave, w, pd.Timestamp(start), rng, inst))
    truth = pd.DataFrame(rows)
    truth.insert(0, "respondent", np.arange(1, len(truth) + 1))
    return truth.astype({n: "Int64" for n in inst.item_numbers})


def _staff(rng: np.random.Generator) -> pd.DataFrame:
    people = []
    for team, (size, *_shifts) in TEAMS.items():
        for k in range(size):
            people.append({"person": len(people), "team": team,
                           "role": ROLES[rng.choice(len(ROLES), p=[0.45, 0.2, 0.2, 0.08, 0.07])]})
    return pd.DataFrame(people)


def _response(person, wave: str, w: int, start: pd.Timestamp, rng: np.random.Generator, inst: Instrument) -> dict:
    _, bo_shift, sts_shift, cs_shift, trend = TEAMS[person["team"]]
    latent = {"compassion_satisfaction": 3.85 + cs_shift + rng.normal(0, 0.45),
              "burnout": 2.35 + bo_shift + trend * w + rng.normal(0, 0.4),
              "secondary_traumatic_stress": 2.1 + sts_shift + rng.normal(0, 0.45)}
    answers = {}
    for sub in inst.subscales:
        for n in sub.items:
            value = int(np.clip(np.rint(latent[sub.id] + rng.normal(0, 0.7)), 1, 5))
            answers[n] = 6 - value if n in inst.reversed_items else value
    answers = _leave_some_blank(answers, rng)
    first, last = FIRST[person["person"] % len(FIRST)], LAST[person["person"] % len(LAST)]
    return {"name": f"{first} {last}", "email": f"{first.lower()}.{last.lower()}{person['person']}@example.org",
            "phone": f"07700 9{person['person'] % 100000:05d}" if rng.random() < 0.3 else "",
            "team": person["team"], "role": person["role"], "wave": wave,
            "submitted": start + pd.Timedelta(minutes=int(rng.integers(0, 21 * 24 * 60))),
            **answers, "comment": COMMENTS[rng.integers(len(COMMENTS))] if rng.random() < 0.15 else ""}


def _leave_some_blank(answers: dict, rng: np.random.Generator) -> dict:
    """About 2% answer nothing, 3% stop part-way, 4% skip a single item."""
    draw = rng.random()
    numbers = sorted(answers)
    if draw < 0.02:
        return {n: pd.NA for n in numbers}
    if draw < 0.05:
        stop = int(rng.integers(10, 21))
        return {n: answers[n] if n <= stop else pd.NA for n in numbers}
    if draw < 0.09:
        return answers | {int(rng.choice(numbers)): pd.NA}
    return answers


def simulate_turnover(truth: pd.DataFrame, *, seed: int = 7) -> pd.DataFrame:
    """Team x half-year leavers that follow each team's burnout in the same and previous period."""
    rng = np.random.default_rng(seed)
    inst = load_builtin("proqol5")
    burnout = score(truth[list(inst.item_numbers)].astype(float), inst)["burnout"]
    level = truth.assign(burnout=burnout).groupby(["team", "wave"])["burnout"].mean()
    rows, previous = [], {}
    for (period, (start, end)), wave in zip(PERIODS.items(), WAVES):
        for team, (size, *_rest) in TEAMS.items():
            current = level.get((team, wave), 25.0)
            pressure = 0.5 * current + 0.5 * previous.get(team, current)
            rate = np.clip(0.04 + 0.012 * (pressure - 24), 0.01, 0.4)
            head_start = int(round(size / RESPONSE_RATE * 0.95 + rng.integers(-2, 3)))
            leavers = int(min(rng.binomial(head_start, rate), head_start))
            voluntary = int(rng.binomial(leavers, 0.75))
            rows.append({"team": team, "period": period, "period_start": start, "period_end": end,
                         "headcount_start": head_start,
                         "headcount_end": max(head_start - leavers + int(rng.integers(0, leavers + 2)), 1),
                         "leavers": leavers, "voluntary_leavers": voluntary})
            previous[team] = current
    return pd.DataFrame(rows)


def with_blank_rows(rows: layouts.Rows, every: int, header_rows: int = 1) -> layouts.Rows:
    """Blank rows among the answers, as real files get when someone clears a row."""
    out = rows[:header_rows]
    for i, row in enumerate(rows[header_rows:], start=1):
        out.append(row)
        if i % every == 0:
            out.append([""] * len(row))
    return out


def vary_spelling(rows: layouts.Rows, rng: np.random.Generator, header_rows: int = 1) -> layouts.Rows:
    """A few answers in other case and spacing ('very often', ' Often ', 'SOMETIMES')."""
    forms = [str.lower, str.upper, lambda s: f" {s} "]
    labels = {"Never", "Rarely", "Sometimes", "Often", "Very Often"}
    out = [list(r) for r in rows]
    for row in out[header_rows:]:
        for j, cell in enumerate(row):
            if cell in labels and rng.random() < 0.01:
                row[j] = forms[rng.integers(len(forms))](cell)
    return out


def write_samples(out_dir: Path | str = "data/samples", *, seed: int = 2026) -> list[Path]:
    out = Path(out_dir)
    (out / "layouts").mkdir(parents=True, exist_ok=True)
    inst = load_builtin("proqol5")
    truth = simulate_survey(seed=seed, instrument=inst)
    rows = vary_spelling(layouts.microsoft_forms(truth, inst), np.random.default_rng(seed))
    written = {out / "proqol5_microsoft_forms.xlsx": layouts.to_xlsx_bytes(with_blank_rows(rows, 280), sheet="Sheet1")}
    turnover = simulate_turnover(truth, seed=seed)
    written[out / "turnover_by_team.csv"] = turnover.to_csv(index=False, lineterminator="\n").encode()
    small = truth[truth["wave"] == "2026-03"].head(60)
    written |= {
        out / "layouts" / "google_forms.csv": layouts.to_csv_bytes(layouts.google_forms(small, inst)),
        out / "layouts" / "qualtrics.csv": layouts.to_csv_bytes(layouts.qualtrics(small, inst), bom=True),
        out / "layouts" / "surveymonkey.xlsx": layouts.to_xlsx_bytes(layouts.surveymonkey(small, inst), sheet="Sheet"),
        out / "layouts" / "plain_excel.xlsx": layouts.to_xlsx_bytes(layouts.plain_excel(small, inst), sheet="Responses"),
    }
    for path, data in written.items():
        path.write_bytes(data)
    return list(written)


if __name__ == "__main__":
    for path in write_samples(sys.argv[1] if len(sys.argv) > 1 else "data/samples"):
        print(path)
