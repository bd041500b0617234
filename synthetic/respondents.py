"""The made-up organisation and its survey: realistic respondents, reproducible from a seed.

A made-up family-support organisation runs the ProQOL 5 three times (March 2025, September 2025,
March 2026). Every answer comes from latent compassion satisfaction, burnout and secondary
traumatic stress levels set by the person, their team, role and the wave, so the views have
patterns worth finding: residential and youth justice work carry more burnout, Family Support
North improves clearly across the waves and Early Help worsens. People stay between waves (some
leave and are replaced, more often the more strained they are) and answers are missing the ways
real ones are. Most respondents give their employee number, which the staff list
(:mod:`synthetic.staff`) shares. The same seed always gives the same table.
The survey also asks ten questions of the organisation's own (agreement scale, "Strongly disagree"
to "Strongly agree"), at least one per trauma-informed principle, and whether the person is thinking
of leaving (yes/no). Each answer comes from the person's latent levels in that wave, as deviations
from the organisation's typical level (``_BASE``): agreement level = base + w_cs * cs + w_bo * burnout
+ w_sts * sts + noise (SD 0.6), rounded onto 1..5, with the question's base (3.0 to 4.0) and weights
in :data:`OWN_QUESTIONS`. So the known relationships are: "I can talk to my supervisor about how
the work affects me" tracks burnout most strongly (w_bo = -1.3, the strongest driver of burnout); "My team supports each other after
difficult work" tracks secondary traumatic stress most (w_sts = -0.9); "Families are treated as
partners in the work we do" tracks compassion satisfaction most (w_cs = +1.0). Thinking of leaving
is "Yes" with probability logistic(-1.4 + 2.5 * burnout - 1.0 * cs). These answers use their own
random stream (seeded from the same seed), so adding them left every other value unchanged.
About two in five who reached the end wrote a comment (:mod:`synthetic.comments`, with what each is
about, its tone, any safety flag and any personal detail known: :func:`planted_comments`); its words
come from a stream of their own too.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from synthetic import comments
from tiwell.instruments import Instrument, load_builtin

SEED = 2026
WAVES = {"2025-03": "2025-03-03", "2025-09": "2025-09-08", "2026-03": "2026-03-02"}  # wave -> opening day
OPEN_DAYS = 21

_FIELD = {"Practitioner": 0.45, "Senior practitioner": 0.2, "Team manager": 0.08, "Support worker": 0.19, "Admin": 0.08}
_RESIDENTIAL = {"Support worker": 0.6, "Senior practitioner": 0.15, "Practitioner": 0.12, "Team manager": 0.08,
                "Admin": 0.05}
_OFFICE = {"Admin": 0.85, "Team manager": 0.15}
_CLINICAL = {"Practitioner": 0.7, "Senior practitioner": 0.3}
# Role -> shift of the latent (compassion satisfaction, burnout, STS) item level.
_ROLE_SHIFT = {"Practitioner": (0.0, 0.0, 0.0), "Senior practitioner": (0.05, 0.05, 0.05),
               "Team manager": (0.1, 0.1, -0.1), "Support worker": (0.0, 0.1, 0.0), "Admin": (-0.1, 0.0, -0.4)}


@dataclass(frozen=True)
class _Team:
    """A team: respondents per wave (roughly), its role mix, and per-wave latent shifts."""

    name: str
    size: int
    roles: dict[str, float]
    cs: tuple[float, float, float]
    bo: tuple[float, float, float]
    sts: tuple[float, float, float]


TEAMS = (
    _Team("Children's Residential", 46, _RESIDENTIAL, (0.0, -0.05, -0.05), (0.4, 0.45, 0.45), (0.35, 0.35, 0.4)),
    _Team("Family Support North", 50, _FIELD, (-0.25, 0.0, 0.2), (0.45, 0.1, -0.25), (0.2, 0.1, 0.0)),
    _Team("Family Support South", 44, _FIELD, (0.0, 0.0, 0.0), (0.05, 0.05, 0.1), (0.05, 0.05, 0.05)),
    _Team("Youth Justice", 36, _FIELD, (-0.1, -0.1, -0.1), (0.35, 0.35, 0.4), (0.3, 0.3, 0.3)),
    _Team("Fostering & Adoption", 40, _FIELD, (0.15, 0.15, 0.15), (-0.1, -0.1, -0.1), (0.0, 0.0, 0.0)),
    _Team("Adult Safeguarding", 40, _FIELD, (0.0, 0.0, 0.0), (0.1, 0.1, 0.1), (0.25, 0.25, 0.25)),
    _Team("Early Help", 32, _FIELD, (0.15, 0.0, -0.2), (-0.2, 0.15, 0.5), (-0.1, 0.05, 0.2)),
    _Team("Business Support", 16, _OFFICE, (-0.3, -0.3, -0.3), (-0.1, -0.1, -0.1), (-0.5, -0.5, -0.5)),
    _Team("Clinical Psychology", 4, _CLINICAL, (0.3, 0.3, 0.3), (-0.3, -0.3, -0.3), (0.1, 0.1, 0.1)),
)
# One latent item level per subscale, in this order: the organisation's typical level, and how much
# a person's general strain raises it (or, for satisfaction, lowers it).
_LATENT = ("compassion_satisfaction", "burnout", "secondary_traumatic_stress")
_BASE = np.array([3.85, 2.3, 2.15])
_STRAIN_LOADING = np.array([-0.8, 1.0, 0.8])
# How far each item's typical answer sits from its subscale's level (burnout direction for reversed items).
_ITEM_LEAN = {
    3: 0.4, 6: -0.4, 12: 0.3, 16: -0.3, 18: -0.1, 20: 0.1, 22: 0.2, 24: 0.3, 27: -0.5, 30: 0.0,
    1: -0.2, 4: -0.2, 8: -0.6, 10: -0.4, 15: -0.3, 17: 0.3, 19: 0.6, 21: 0.6, 26: 0.7, 29: -0.9,
    2: 0.6, 5: -0.1, 7: 0.3, 9: 0.3, 11: 0.1, 13: -0.3, 14: -0.3, 23: -0.4, 25: -0.3, 28: -0.2,
}

# The organisation's own questions: (question, principle, typical agreement level, weights on the latent
# (cs, burnout, sts) deviations).
OWN_QUESTIONS = (
    ("I can talk to my supervisor about how the work affects me", "trustworthiness and transparency", 3.3,
     (0.2, -1.3, -0.3)),
    ("I feel safe to speak up about mistakes and concerns", "safety", 3.5, (0.1, -0.6, -0.2)),
    ("Leaders are open about what is happening and why", "trustworthiness and transparency", 3.0, (0.2, -0.3, 0.0)),
    ("My team supports each other after difficult work", "peer support", 3.9, (0.2, -0.3, -0.9)),
    ("I have time to debrief with colleagues after a hard visit", "peer support", 3.1, (0.1, -0.4, -0.5)),
    ("I am involved in decisions that affect my work", "collaboration and mutuality", 3.2, (0.3, -0.4, 0.0)),
    ("Families are treated as partners in the work we do", "collaboration and mutuality", 3.8, (1.0, -0.1, 0.0)),
    ("I have a say in how I organise my caseload", "empowerment, voice and choice", 3.4, (0.4, -0.5, 0.0)),
    ("I feel listened to when I share ideas", "empowerment, voice and choice", 3.5, (0.5, -0.3, 0.0)),
    ("I feel respected for who I am, whatever my background", "cultural, historical and gender issues", 4.0,
     (0.3, -0.2, -0.1)),
)
LEAVING_QUESTION = "Are you thinking of leaving your job in the next year?"
AGREEMENT = ("Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree")

FIRST_NAMES = (
    "Aisha", "Ben", "Chloe", "Daniel", "Ella", "Finn", "Grace", "Harry", "Isla", "Jack", "Katie", "Liam",
    "Maya", "Noah", "Olivia", "Priya", "Quinn", "Ruby", "Sam", "Tom", "Uma", "Vikram", "Willow", "Yusuf",
    "Zara", "Amir", "Bethan", "Callum", "Deborah", "Eleanor", "Fatima", "Gareth", "Hannah", "Imran", "Jess",
    "Kieran", "Lucy", "Mohammed", "Niamh", "Owen", "Phoebe", "Rhys", "Sophie", "Tariq", "Vicky", "Wendy",
)
LAST_NAMES = (
    "Adams", "Begum", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones", "Khan",
    "Lewis", "Morgan", "Nolan", "O'Brien", "Patel", "Quinn", "Roberts", "Shah", "Taylor", "Underwood",
    "Vaughan", "Walsh", "Young", "Ahmed", "Bennett", "Campbell", "Doyle", "Ellis", "Foster", "Gill", "Hart",
    "Ingram", "Jackson", "Kelly", "Lloyd", "Murray", "Nash", "Owen", "Price", "Reid", "Scott", "Thomas",
    "Walker", "Wright", "Hussain",
)
# The organisation's own names (its name and its buildings), which a comment may give away.
ORGANISATION_NAMES = ("Brookfield Family Services", "Brookfield House", "Larch Court", "Oakridge Hub")


def simulate_survey(*, seed: int = SEED, instrument: Instrument | None = None) -> pd.DataFrame:
    """The truth table of :mod:`synthetic.layouts`: about 900 responses over three waves, in
    submission order. ``instrument`` is the ProQOL 5 by default; any other (the MBI-HSS) is
    answered from the same people's levels (see :func:`_answers`)."""
    return simulate_organisation(seed, instrument or load_builtin("proqol5"))[0]


def planted_comments(*, seed: int = SEED, instrument: Instrument | None = None) -> pd.DataFrame:
    """The truth of the survey's comments (:func:`synthetic.comments.truth_frame`), one row per
    comment with its ``respondent`` number."""
    planted = _organisation(seed, instrument or load_builtin("proqol5"))[2]
    rows = [k for k, comment in enumerate(planted) if comment]
    truth = comments.truth_frame([planted[k] for k in rows])
    return truth.assign(respondent=[k + 1 for k in rows])[["respondent", *truth.columns]]


def simulate_organisation(seed: int, instrument: Instrument) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The survey's truth table and everyone who ever worked there (``employee_id``, ``team``,
    ``joined`` and ``left_after``: the wave index before which they joined (-1 for the first
    staff) and after which they left (missing for those still there six months after the last wave))."""
    return _organisation(seed, instrument)[:2]


def _organisation(seed: int, instrument: Instrument) -> tuple[pd.DataFrame, pd.DataFrame, list]:
    """The survey's truth table, the staff history and each respondent's planted comment (or None)."""
    rng = np.random.default_rng(seed)
    names = _name_pool(rng)
    staff = pd.concat([_hire(rng, team, _pool_size(team), names) for team in TEAMS], ignore_index=True)
    staff["joined"] = -1
    waves, gone = [], []
    for w, wave in enumerate(WAVES):
        if w:
            staff, leavers = _replace_leavers(rng, staff, names, w)
            gone.append(leavers)
        waves.append(_wave_responses(rng, staff, w, wave))
    people = pd.concat(waves, ignore_index=True).sort_values("submitted", kind="stable", ignore_index=True)
    answers = _leave_gaps(rng, _answers(rng, people, instrument))
    comments = _comments(rng, np.random.default_rng([seed, 19]), people, answers)
    text = people[["name", "email", "phone", "employee_id", "team", "role", "wave"]].astype("str")
    text["employee_id"] = text["employee_id"].where(np.random.default_rng(seed + 2).random(len(text)) >= 0.08, "")
    truth = pd.concat([pd.DataFrame({"respondent": np.arange(1, len(people) + 1)}), text, people["submitted"],
                       answers, pd.Series([c.text if c else "" for c in comments], name="comment", dtype="str"),
                       _own_questions(np.random.default_rng([seed, 12]), people, answers)], axis=1)
    leaving = _leaving(rng, staff, len(WAVES) - 1)
    gone.append(staff[leaving].assign(left_after=len(WAVES) - 1))
    history = pd.concat([*gone, staff[~leaving]], ignore_index=True)
    return truth, history[["employee_id", "team", "joined", "left_after", "strain"]], comments


def _own_questions(rng: np.random.Generator, people: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """The organisation's own questions as labels, from the latent levels with the weights in
    :data:`OWN_QUESTIONS`; blank for people who answered no item, and 2% of other answers skipped."""
    deviation = people[list(_LATENT)].to_numpy() - _BASE
    none_answered = answers.isna().all(axis=1).to_numpy()
    columns = {}
    for question, _, base, weights in OWN_QUESTIONS:
        level = base + deviation @ np.array(weights) + rng.normal(0, 0.6, len(people))
        labels = np.array(AGREEMENT, dtype=object)[np.clip(np.rint(level), 1, 5).astype(int) - 1]
        columns[question] = np.where(none_answered | (rng.random(len(people)) < 0.02), "", labels)
    chance = 1 / (1 + np.exp(-(-1.4 + 2.5 * deviation[:, 1] - 1.0 * deviation[:, 0])))
    leaving = np.where(rng.random(len(people)) < chance, "Yes", "No")
    columns[LEAVING_QUESTION] = np.where(none_answered | (rng.random(len(people)) < 0.03), "", leaving)
    return pd.DataFrame(columns).astype("str")


def _pool_size(team: _Team) -> int:
    """Staff in the team: respondents at a 70-75% response rate; the tiny team has five."""
    return 5 if team.size < 5 else int(np.ceil(team.size / 0.72))


def _name_pool(rng: np.random.Generator) -> list[tuple[str, str]]:
    """Every first-last pair once, shuffled; people take them in turn so no two share a name."""
    pairs = [(first, last) for first in FIRST_NAMES for last in LAST_NAMES]
    return [pairs[i] for i in rng.permutation(len(pairs))]


def _hire(rng: np.random.Generator, team: _Team, count: int, names: list) -> pd.DataFrame:
    """New staff: a name, a made-up email, a phone number for some, a role and lasting latent traits."""
    ids = [f"E{10000 + len(names) - k}" for k in range(1, count + 1)]  # unique: the pool only shrinks
    taken = [names.pop() for _ in range(count)]
    email = [f"{first}.{last}@example.org".lower().replace("'", "") for first, last in taken]
    phone = [f"07700 900{k:03d}" if rng.random() < 0.3 else "" for k in rng.integers(0, 1000, count)]
    return pd.DataFrame({
        "name": [f"{first} {last}" for first, last in taken], "email": email, "phone": phone, "employee_id": ids,
        "team": team.name, "role": rng.choice(list(team.roles), count, p=list(team.roles.values())),
        "strain": rng.normal(0, 0.4, count),  # shared by burnout, STS and (negatively) satisfaction
        "own_cs": rng.normal(0, 0.3, count), "own_bo": rng.normal(0, 0.25, count),
        "own_sts": rng.normal(0, 0.3, count),
    })


def _replace_leavers(rng: np.random.Generator, staff: pd.DataFrame, names: list,
                     w: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Those who leave after wave ``w - 1`` (see :func:`_leaving`), and the staff for wave ``w``
    with new starters in their places."""
    leaving = _leaving(rng, staff, w - 1)
    starters = [_hire(rng, team, int((leaving & staff["team"].eq(team.name)).sum()), names) for team in TEAMS]
    staff_now = pd.concat([staff[~leaving], *[s.assign(joined=w) for s in starters]], ignore_index=True)
    return staff_now, staff[leaving].assign(left_after=w - 1)


def _leaving(rng: np.random.Generator, staff: pd.DataFrame, w: int) -> np.ndarray:
    """Who leaves in the half-year after wave ``w``: about one in eight, more often the more
    strained the person and the heavier their team's burnout that wave. The chance is
    9.5% x e^(strain + 1.5 x team burnout shift), strain ~ N(0, 0.4): for a typical team 6% at one
    SD of strain below the mean and 14% at one above."""
    shift = staff["team"].map({team.name: team.bo[w] for team in TEAMS}).to_numpy()
    return rng.random(len(staff)) < 0.095 * np.exp(staff["strain"].to_numpy() + 1.5 * shift)


def _wave_responses(rng: np.random.Generator, staff: pd.DataFrame, w: int, wave: str) -> pd.DataFrame:
    """Who answers in this wave, their latent item levels and when they submitted."""
    chosen = []
    for team in TEAMS:
        members = np.flatnonzero(staff["team"].eq(team.name).to_numpy())
        count = rng.integers(3, 5) if team.size < 5 else round(team.size * rng.uniform(0.9, 1.1))
        chosen.append(rng.choice(members, min(count, len(members)), replace=False))
    people = staff.iloc[np.concatenate(chosen)].reset_index(drop=True)
    teams = {t.name: t for t in TEAMS}
    role = np.array([_ROLE_SHIFT[r] for r in people["role"]])
    shift = np.array([[getattr(teams[name], sub)[w] for sub in ("cs", "bo", "sts")] for name in people["team"]])
    month = rng.normal(0, 0.2, (len(people), 3))  # how this particular month is going
    own = people[["own_cs", "own_bo", "own_sts"]].to_numpy()
    level = _BASE + shift + role + people["strain"].to_numpy()[:, None] * _STRAIN_LOADING + own + month
    return people.assign(wave=wave, submitted=_submission_times(rng, WAVES[wave], len(people)),
                         **{sub: level[:, k] for k, sub in enumerate(_LATENT)})


def _submission_times(rng: np.random.Generator, opening: str, count: int) -> pd.Series:
    """Working-hours times over the three weeks a wave is open, most soon after it opens and few
    at weekends."""
    days = pd.Timestamp(opening) + pd.to_timedelta(np.arange(OPEN_DAYS), unit="D")
    weight = np.exp(-np.arange(OPEN_DAYS) / 8) * np.where(days.day_of_week < 5, 1.0, 0.12)
    day = rng.choice(OPEN_DAYS, count, p=weight / weight.sum())
    seconds = rng.integers(8 * 3600, 18 * 3600 + 1800, count)
    return pd.Series(days[day] + pd.to_timedelta(seconds, unit="s"))


def _answers(rng: np.random.Generator, people: pd.DataFrame, instrument: Instrument) -> pd.DataFrame:
    """Each item: its subscale's latent level, the item's lean and noise, rounded onto the scale;
    reversed items are drawn in the burnout direction and written reversed, as people answer them.
    Another instrument's subscale (the MBI's emotional exhaustion) follows the latent level of
    :func:`_latent_of`, stretched from 1..5 onto its own scale (0..6), without the ProQOL's leans."""
    low, high = instrument.scale.min, instrument.scale.max
    stretch = (high - low) / 4
    columns = {}
    for sub in instrument.subscales:
        latent = _latent_of(sub)
        for number in sub.items:
            lean = _ITEM_LEAN.get(number, 0.0) if latent == sub.id else 0.0
            level = people[latent].to_numpy() + lean + rng.normal(0, 0.65, len(people))
            if (low, high) != (1, 5):
                level = low + (level - 1) * stretch
            value = np.clip(np.rint(level), low, high)
            columns[number] = low + high - value if number in instrument.reversed_items else value
    return pd.DataFrame({n: columns[n] for n in instrument.item_numbers}).astype("Int64")


def _latent_of(sub) -> str:
    """The latent level a subscale's answers follow: its own for the ProQOL's three, else
    compassion satisfaction for a subscale where higher is better (personal accomplishment)
    and burnout for the rest (emotional exhaustion, depersonalisation)."""
    if sub.id in _LATENT:
        return sub.id
    return "compassion_satisfaction" if sub.direction == "higher_is_better" else "burnout"


def _leave_gaps(rng: np.random.Generator, answers: pd.DataFrame) -> pd.DataFrame:
    """About 2% open the survey and answer nothing, 3% stop after 10-20 items and 2% skip one item."""
    kind = rng.choice(4, len(answers), p=[0.02, 0.03, 0.02, 0.93])
    numbers = answers.columns.to_numpy()
    stop = rng.integers(10, 21, len(answers))
    skipped = rng.choice(numbers, len(answers))
    gone = ((kind == 0)[:, None]
            | ((kind == 1)[:, None] & (numbers[None, :] > stop[:, None]))
            | ((kind == 2)[:, None] & (numbers[None, :] == skipped[:, None])))
    return answers.mask(gone)


def _comments(rng: np.random.Generator, words: np.random.Generator, people: pd.DataFrame,
              answers: pd.DataFrame) -> list[comments.Planted | None]:
    """A comment from about two in five who reached the end, in the tone of their own levels: a
    complaint when burnout is high, praise when satisfaction is, otherwise mixed; one in five names
    someone (a colleague or manager of :class:`synthetic.comments.Cast`'s, never a respondent, so
    a respondent's name read from the file is never in what they wrote) or gives a contact, and a
    few complaints need someone to act. Who writes comes from
    ``rng``; the words from ``words``, their own stream, so rewording them changes nothing else."""
    reached_end = answers.notna().sum(axis=1).to_numpy() >= answers.shape[1] - 1
    writes = reached_end & (rng.random(len(people)) < 0.4)
    names_someone = rng.random(len(people)) < 0.2
    cast = comments.Cast(teams=tuple(team.name for team in TEAMS), organisation=ORGANISATION_NAMES)
    out = []
    for wrote, bo, cs, named in zip(writes, people["burnout"], people["compassion_satisfaction"], names_someone):
        tone = "negative" if bo > 2.9 else "positive" if cs > 4.0 else "mixed"
        if not wrote:
            out.append(None)
        elif tone == "negative" and words.random() < 0.05:
            out.append(comments.flagged_comment(words, cast))
        else:
            out.append(comments.compose(words, tone, cast, identifier=bool(named)))
    return out
