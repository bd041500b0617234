"""The same true answers as more survey tools export them: LimeSurvey, SmartSurvey, Jisc Online
Surveys, REDCap, Qualtrics' and SurveyMonkey's numeric downloads, Typeform and Jotform.

Each function takes a truth table as :mod:`synthetic.layouts` describes it and returns rows of
cells, header rows first. Tools that write codes rather than words number the teams in the order
of :data:`TEAM_CODES` (1 = the first team), as a survey's answer list would; REDCap's data
dictionary (:func:`redcap_dictionary`) says what each code means. Metadata the truth lacks
(tokens, seeds, network ids) is derived from the respondent number, so the same truth always
gives the same file.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from synthetic import layouts
from synthetic.layouts import _assemble as _rows, _ip, _iso, _numbers, _text, _times, own_questions, statements
from synthetic.respondents import TEAMS
from tiwell.instruments.model import Instrument

TEAM_CODES = tuple(team.name for team in TEAMS)
ROLE_CODES = ("Practitioner", "Senior practitioner", "Team manager", "Support worker", "Admin")
_MATRIX = "How often have you experienced these in the last 30 days?"
_TEAM = "Which team do you work in?"
_ROLE = "What is your role?"
_COMMENT = "Is there anything else you would like to tell us?"


# ---------------------------------------------------------------- LimeSurvey


def limesurvey_codes(truth: pd.DataFrame, instrument: Instrument) -> list[list]:
    """'Question code' headings: the team list G01Q01 and the array G02Q04[SQ001].. answered
    with answer codes AO01.. (the first option's code is AO01), the comment G03Q05."""
    numbers = _numbers(instrument)
    header = ["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "G01Q01",
              *(f"G02Q04[SQ{k:03d}]" for k in range(1, len(numbers) + 1)), "G03Q05"]
    front = [*_lime_front(truth, instrument), _codes(truth["team"], TEAM_CODES, "AO{:02d}")]
    answers = [[f"AO{v:02d}" if v else "" for v in column] for column in _values(truth, instrument)]
    return _rows([header], front, answers, [_text(truth["comment"])])


def limesurvey_text(truth: pd.DataFrame, instrument: Instrument, *, words: dict | None = None) -> list[list]:
    """'Full question text' headings ('Question [Subquestion]') and full answers."""
    texts = statements(instrument, words)
    header = ["Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started",
              "Date last action", _TEAM, *(f"{_MATRIX} [{texts[n]}]" for n in _numbers(instrument)), _COMMENT]
    front = [*_lime_front(truth, instrument), _text(truth["team"])]
    return _rows([header], front, _labels(truth, instrument), [_text(truth["comment"])])


def _lime_front(truth: pd.DataFrame, instrument: Instrument) -> list[list]:
    start, end = _times(truth)
    n = len(truth)
    seeds = [int(hashlib.sha256(f"seed-{r}".encode()).hexdigest()[:9], 16) % 10**9 for r in truth["respondent"]]
    numbers = _numbers(instrument)
    answered = truth[numbers].notna().sum(axis=1)
    last_page = [1 if a == 0 else 2 if a < len(numbers) - 1 else 3 for a in answered]  # pages: team, items, comment
    return [truth["respondent"].tolist(), _iso(end), last_page, ["en"] * n, seeds, _iso(start), _iso(end)]



# ---------------------------------------------------------------- SmartSurvey and Jisc


def smartsurvey(truth: pd.DataFrame, instrument: Instrument, *, words: dict | None = None) -> list[list]:
    """Two header rows: metadata names and questions on row 1 (the matrix question over its first
    statement only), statements on row 2; no 'Response' marker. UK dates ('14/03/2025 09:02:11')."""
    numbers = _numbers(instrument)
    meta = ["UserID", "UserNo", "Name", "Email", "IP Address", "Unique ID", "Started", "Ended", "Tracking Link",
            "Custom Value"]
    top = [*meta, _TEAM, _MATRIX, *[""] * (len(numbers) - 1), _COMMENT]
    under = [*[""] * (len(meta) + 1), *statements(instrument, words).values(), ""]
    start, end = _times(truth)
    r = truth["respondent"]
    n = len(truth)
    front = [(40_000_000 + r).tolist(), r.tolist(), _text(truth["name"]), _text(truth["email"]), _ip(r),
             [_token(x, 8) for x in r], _uk(start), _uk(end), ["Default Web Link"] * n, [""] * n, _text(truth["team"])]
    return _rows([top, under], front, _labels(truth, instrument), [_text(truth["comment"])])


def jisc(truth: pd.DataFrame, instrument: Instrument, *, words: dict | None = None) -> list[list]:
    """Jisc Online Surveys: numbered questions, a grid's statements numbered under it ('4.1. I am happy.')."""
    texts = statements(instrument, words)
    start, end = _times(truth)
    header = ["Response ID", "Start date", "Completion date", f"1. {_TEAM}", f"2. {_ROLE}",
              *(f"3.{k}. {texts[n]}" for k, n in enumerate(_numbers(instrument), start=1)), f"4. {_COMMENT}"]
    front = [(9_100_000 + truth["respondent"]).tolist(), _iso(start), _iso(end), _text(truth["team"]),
             _text(truth["role"])]
    return _rows([header], front, _labels(truth, instrument), [_text(truth["comment"])])


# ---------------------------------------------------------------- REDCap


def redcap_raw(truth: pd.DataFrame, instrument: Instrument) -> list[list]:
    """'CSV / Microsoft Excel (raw data)': field names, every choice as its code."""
    numbers = _numbers(instrument)
    header = ["record_id", "redcap_survey_identifier", "proqol_timestamp", "email", "team", "role",
              *(f"proqol_{n}" for n in numbers), "comments", "proqol_complete"]
    front = [*_redcap_front(truth), _codes(truth["team"], TEAM_CODES, "{}"), _codes(truth["role"], ROLE_CODES, "{}")]
    return _rows([header], front, _values(truth, instrument, blank=""), [_text(truth["comment"]),
                                                                          _complete(truth, instrument, "2", "0")])


def redcap_labels(truth: pd.DataFrame, instrument: Instrument) -> list[list]:
    """'CSV / Microsoft Excel (labels)': field labels as headings, choices as their labels."""
    texts = statements(instrument, {})
    header = ["Record ID", "Survey Identifier", "Survey Timestamp", "Email address", _TEAM, _ROLE,
              *(texts[n] for n in _numbers(instrument)), "Any other comments?", "Complete?"]
    front = [*_redcap_front(truth), _text(truth["team"]), _text(truth["role"])]
    return _rows([header], front, _labels(truth, instrument), [_text(truth["comment"]),
                                                              _complete(truth, instrument, "Complete", "Incomplete")])


def redcap_dictionary(instrument: Instrument) -> list[list]:
    """The project's data dictionary: each field's name, form, type, label and choices."""
    header = ["Variable / Field Name", "Form Name", "Section Header", "Field Type", "Field Label",
              "Choices, Calculations, OR Slider Labels", "Field Note", "Text Validation Type OR Show Slider Number",
              "Text Validation Min", "Text Validation Max", "Identifier?", "Branching Logic (Show field only if...)",
              "Required Field?", "Custom Alignment", "Question Number (surveys only)", "Matrix Group Name",
              "Matrix Ranking?", "Field Annotation"]
    scale = " | ".join(f"{int(lab.value)}, {lab.label}" for lab in instrument.scale.labels)
    texts = statements(instrument, {})

    def field(name, kind, label, choices="", identifier="", matrix=""):
        return [name, "proqol", "", kind, label, choices, "", "", "", "", identifier, "", "", "", "", matrix, "", ""]

    return [header, field("record_id", "text", "Record ID"), field("email", "text", "Email address", identifier="y"),
            field("team", "dropdown", _TEAM, _choices(TEAM_CODES)), field("role", "radio", _ROLE, _choices(ROLE_CODES)),
            *(field(f"proqol_{n}", "radio", texts[n], scale, matrix="proqol") for n in _numbers(instrument)),
            field("comments", "notes", "Any other comments?")]


def _redcap_front(truth: pd.DataFrame) -> list[list]:
    _, end = _times(truth)
    stamps = [f"{t:%Y-%m-%d %H:%M:%S}" for t in end]
    return [truth["respondent"].tolist(), [""] * len(truth), stamps, _text(truth["email"])]


def _complete(truth: pd.DataFrame, instrument: Instrument, done: str, not_done: str) -> list[str]:
    answered = truth[_numbers(instrument)].notna().all(axis=1)
    return [done if a else not_done for a in answered]


def _choices(names: tuple[str, ...]) -> str:
    return " | ".join(f"{k}, {name}" for k, name in enumerate(names, start=1))


# ---------------------------------------------------------------- numeric downloads of the others


def qualtrics_numeric(truth: pd.DataFrame, instrument: Instrument) -> list[list]:
    """Qualtrics' 'numeric values' download: the team question's answers as their recode values too."""
    rows = layouts.qualtrics(truth, instrument, numeric=True)
    return _recode(rows, 3, rows[0].index("Q1"), truth["team"])


def surveymonkey_condensed(truth: pd.DataFrame, instrument: Instrument) -> list[list]:
    """SurveyMonkey's condensed CSV with numerical values: answers and the team as option numbers,
    dates as the CSV writes them ('03/14/2025 09:02:11 AM')."""
    rows = layouts.surveymonkey(truth, instrument)
    values = iter(zip(*_values(truth, instrument, blank="")))
    body = []
    for row in rows[2:]:
        row = list(row)
        row[2:4] = [f"{t:%m/%d/%Y %I:%M:%S %p}" for t in row[2:4]]
        answers = next(values)
        row[10:10 + len(answers)] = answers
        body.append(row)
    return _recode([*rows[:2], *body], 2, 9, truth["team"])


def _recode(rows: list[list], first: int, column: int, teams: pd.Series) -> list[list]:
    """The rows with one column's team names replaced by their codes."""
    codes = _codes(teams, TEAM_CODES, "{}")
    out = [list(row) for row in rows]
    for row, code in zip(out[first:], codes):
        row[column] = code
    return out


# ---------------------------------------------------------------- Typeform and Jotform


def typeform(truth: pd.DataFrame, instrument: Instrument, *, words: dict | None = None) -> list[list]:
    """One header row: the response token first, each statement its own question, then the
    tool's start and submit times (UTC) and the respondent's network id."""
    start, end = _times(truth)
    r = truth["respondent"]
    header = ["Token", _TEAM, *statements(instrument, words).values(), _COMMENT, "Start Date (UTC)", "Submitted At",
              "Network ID"]
    front = [[_token(x, 32) for x in r], _text(truth["team"])]
    back = [_text(truth["comment"]), _iso(start), _iso(end), [_token(x + 10**6, 10) for x in r]]
    return _rows([header], front, _labels(truth, instrument), back)


def jotform(truth: pd.DataFrame, instrument: Instrument, *, words: dict | None = None) -> list[list]:
    """Submission date first ('Mar 14, 2025 9:02 AM'), the name and e-mail fields, each statement a
    question; the submission id and IP address last."""
    _, end = _times(truth)
    own = own_questions(truth)
    header = ["Submission Date", "Name", "E-mail", _TEAM, *statements(instrument, words).values(), *own, _COMMENT,
              "Submission ID", "Submission IP"]
    dates = [f"{t:%b} {t.day}, {t.year} {t.hour % 12 or 12}:{t:%M} {t:%p}" for t in end]
    front = [dates, _text(truth["name"]), _text(truth["email"]), _text(truth["team"])]
    r = truth["respondent"]
    back = [*(_text(truth[q]) for q in own), _text(truth["comment"]), (5_890_000_000_000_000_000 + r * 7919).tolist(),
            _ip(r)]
    return _rows([header], front, _labels(truth, instrument), back)


# ---------------------------------------------------------------- shared pieces


def _values(truth: pd.DataFrame, instrument: Instrument, blank=0) -> list[list]:
    """One list per item: the answer as a whole number, ``blank`` when unanswered."""
    return [[int(v) if pd.notna(v) else blank for v in truth[n]] for n in _numbers(instrument)]


def _labels(truth: pd.DataFrame, instrument: Instrument) -> list[list]:
    names = {int(lab.value): lab.label for lab in instrument.scale.labels}
    return [[names[int(v)] if pd.notna(v) else "" for v in truth[n]] for n in _numbers(instrument)]


def _codes(values: pd.Series, names: tuple[str, ...], form: str) -> list[str]:
    """Each name as its code (its place in ``names``, from 1, written by ``form``); '' when blank."""
    return [form.format(names.index(v) + 1) if isinstance(v, str) and v else "" for v in values]


def _uk(times) -> list[str]:
    return [f"{t:%d/%m/%Y %H:%M:%S}" for t in times]


def _token(respondent: int, length: int) -> str:
    """A tool's opaque token ('a3f9...'), fixed by the respondent number."""
    return hashlib.sha256(f"token-{respondent}".encode()).hexdigest()[:length]
