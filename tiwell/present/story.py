"""The story a facilitator tells a team, as data: slides in the order a trauma-informed
conversation needs.

What is going well comes first, then what is heavy, how it has changed, what people said, what
the organisation has committed to, and questions to talk about. The minimum group size is fixed
at 5 here; every number comes from a suppressed summary, and a group that may not be shown gets
a slide saying why in place of its numbers (without naming it). The page, the deck, the workbook
and the HTML report all draw these same slides, so what is taken away is what was shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources

import pandas as pd

from tiwell.actions import Action, markers
import hashlib
import hmac

from tiwell.comments.redaction import redact
from tiwell.privacy.release import Release, survey_release
from tiwell.errors import SettingsFileError
from tiwell.ingest.settings_files import load_toml
from tiwell.analysis.trends import change_figures, change_sentence
from tiwell.analysis.references import reference_view
from tiwell.instruments.references import Reference
from tiwell.survey import ScoreColumn, ScoredSurvey
from tiwell.text.numbers import count, fixed, share_text, short
from tiwell.present.slides import MIN_GROUP, Chart, Series, Slide, chunks
from tiwell.present.comment_slides import MIN_COMMENTS, comment_slides, story_comments
from tiwell.comments import CommentRelease
from tiwell.theme import SLIDE_SERIES_COLOURS, band_colours

WHOLE = "the whole organisation"
QUESTIONS_PER_SLIDE = 4


@dataclass(frozen=True)
class Choices:
    """What the facilitator chose: one team (or the whole organisation), one wave (or all), and
    what the conversation part says. ``questions`` has columns principle and question."""

    team: str | None = None
    wave: str | None = None
    neutral_labels: bool = False
    show_comments: bool = True
    commitments: str = ""
    questions: pd.DataFrame | None = None
    names: tuple[str, ...] = ()
    actions: tuple[Action, ...] = ()
    label_key: bytes = b""   # this session's secret: neutral labels fall in an order nobody can rebuild
    reference: Reference | None = None  # a published sample or pooled benchmark to set the scope beside
    themes_text: str | None = None   # the user's own comment themes file (TOML), else the shipped themes


@dataclass(frozen=True)
class Story:
    """The slides, the suppressed tables behind their numbers (for the workbook) and the choices
    they were made with."""

    title: str
    slides: tuple[Slide, ...]
    summary: pd.DataFrame
    by_wave: pd.DataFrame
    changes: pd.DataFrame
    settings: pd.DataFrame
    choices: Choices
    reference: pd.DataFrame = field(default_factory=pd.DataFrame)  # the comparison behind the reference view
    themes: pd.DataFrame = field(default_factory=pd.DataFrame)  # what people wrote about, as the slides say


def load_questions(text: str | None = None, source: str = "questions.toml") -> pd.DataFrame:
    """The question prompts (the shipped ``prompts/questions.toml`` unless ``text`` is given),
    one row per question with its principle. A file of another shape is a SettingsFileError of
    one sentence naming ``source``."""
    text = text or resources.files("tiwell.present.prompts").joinpath("questions.toml").read_text("utf-8")
    principles = load_toml(text, source, kind="a prompts file").get("principle")
    if not isinstance(principles, list) or not all(
            isinstance(p, dict) and isinstance(p.get("name"), str) and isinstance(p.get("questions"), list)
            and all(isinstance(q, str) for q in p["questions"]) for p in principles):
        raise SettingsFileError(f"{source} is not a prompts file: it needs [[principle]] tables, each with a name "
                                "and a list of questions as text.")
    rows = [(p["name"], q) for p in principles for q in p["questions"]]
    return pd.DataFrame(rows, columns=["principle", "question"])


def neutral_labels(teams, key: bytes = b"") -> dict[str, str]:
    """Team A, Team B, ... in an order set by a keyed hash of each name. With this session's
    ``key`` the order is random to anyone else (Team A is not the alphabetically first team),
    yet a team keeps its label all session, whatever is chosen."""
    def rank(team) -> bytes:
        return hmac.new(key, str(team).encode("utf-8"), hashlib.sha256).digest()
    return {team: f"Team {_letters(k)}" for k, team in enumerate(sorted(set(teams), key=rank))}


def _letters(k: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, as spreadsheets name columns."""
    return (_letters(k // 26 - 1) if k >= 26 else "") + chr(ord("A") + k % 26)


def build(survey: ScoredSurvey, choices: Choices = Choices(), release: Release | None = None,
          comments: CommentRelease | None = None) -> Story:
    """Every slide for the chosen scope, in order, with the tables behind them. Every number
    comes from ``release`` (made with the smallest group fixed at 5 when not given), and what
    people wrote from ``comments`` (:func:`tiwell.present.comment_slides.story_comments` when not given)."""
    subs = survey.subscales
    release = release or survey_release(survey, MIN_GROUP)
    filters = {"wave": choices.wave} if choices.wave else {}
    summary = _summary(release, filters, choices.team)
    label = _label(survey, choices, shown=summary is not None)
    actions = _actions_told(survey, choices, label)
    themes = pd.DataFrame()
    if summary is None:
        summary, by_wave, changes = pd.DataFrame(), pd.DataFrame(), pd.DataFrame()
        body = [_hidden_slide(choices)]
    else:
        summary = summary.replace({"group": {"scope": label, "whole": WHOLE}})
        by_wave, changes, change_slide = _change(release, subs, choices, label, actions)
        compared, reference_slides = _reference(release, filters, subs, choices, label)
        said, themes = _comment_slides(survey, choices, comments)
        body = [_numbers_slide(summary, subs, strengths=True), _numbers_slide(summary, subs, strengths=False),
                *reference_slides, change_slide, *said]
    title = f"How we are doing: {label}"
    slides = [_opening(title, summary, choices), *body, _commitments(choices.commitments, actions),
              *_questions(choices)]
    return Story(title, tuple(slides), summary, by_wave, changes, _settings(survey, choices, label), choices,
                 compared if summary is not None and len(summary) else pd.DataFrame(), themes)


# ---------------------------------------------------------------- numbers, all from suppressed summaries


def _summary(release: Release, filters: dict, team: str | None) -> pd.DataFrame | None:
    """The released rows for the scope (``group`` 'scope') and, for a team, the whole
    organisation ('whole'), people rounded to 5; None when the scope may not be shown."""
    if pd.isna(release.people(filters)):
        return None
    whole = _rounded(release.table((), filters)).assign(group="scope" if team is None else "whole")
    if team is None:
        return whole
    if team not in release.options("team") or pd.isna(release.people(filters | {"team": team})):
        return None
    mine = _rounded(release.table((), filters | {"team": team})).assign(group="scope")
    return pd.concat([mine, whole], ignore_index=True)


def _rounded(table: pd.DataFrame) -> pd.DataFrame:
    """A shared output gives counts to the nearest 5: exact counts would let the deck be laid
    beside the dashboard to tell one person's answers apart."""
    return table.drop(columns="shown").assign(**{c: (table[c] / 5).round() * 5 for c in ("people", "n")})


def _label(survey: ScoredSurvey, choices: Choices, shown: bool) -> str:
    """How the scope is named: a hidden team is never named, a neutral label hides the real one."""
    if choices.team is None:
        return WHOLE
    if not shown:
        return "this team"
    labels = neutral_labels(survey.scored["team"].dropna(), choices.label_key)
    return labels[choices.team] if choices.neutral_labels else choices.team


def _numbers_slide(summary: pd.DataFrame, subs: tuple[ScoreColumn, ...], strengths: bool) -> Slide:
    """The strengths (higher is better), or the other subscales: each mean beside the whole
    organisation's, and the share in each band."""
    wanted = tuple(sub for sub in subs if sub.higher_is_better == strengths)
    key, title, note = ("going_well", "What is going well",
                        "The good that comes from doing this work, and what helps sustain it.") if strengths else (
        "heavy", "What is heavy", "These scores describe what the work asks of people. They are about what has "
                                  "happened at work, not about what is wrong with anyone.")
    if not wanted:
        return Slide(key, title, ("This survey does not measure this directly. What do people value, or find hard, "
                                  "in their work?",))
    points = tuple(_point(summary, sub) for sub in wanted)
    banded = tuple(sub for sub in wanted if sub.bands)  # the MBI has no bands unless cut-offs were chosen
    return Slide(key, title, points, _shares_chart(summary, banded) if banded else None, note)


def _point(summary: pd.DataFrame, sub: ScoreColumn) -> str:
    """'Burnout: 24.1 (the whole organisation 23.8) on a scale of 10 to 50; 12% in the high band.'"""
    scope, *whole = summary[summary["subscale"] == sub.column].to_dict("records")
    if pd.isna(scope["mean"]):
        return f"{sub.label}: not shown, as fewer than {MIN_GROUP} people answered this part."
    compared = f" ({WHOLE} {fixed(whole[0]['mean'])})" if whole and pd.notna(whole[0]["mean"]) else ""
    top = sub.bands[-1] if sub.bands else None
    share = "" if top is None else (f"; {share_text(scope[f'share_{top}'])} in the {top} band"
                                    if pd.notna(scope[f"share_{top}"]) else
                                    f"; the share in the {top} band is not shown, as so few are in it (or in a band "
                                    "beside it) that it could point to someone")
    return f"{sub.label}: {fixed(scope['mean'])}{compared} on a scale of {short(sub.low)} to {short(sub.high)}{share}."


def _shares_chart(summary: pd.DataFrame, subs: tuple[ScoreColumn, ...]) -> Chart:
    """One bar per subscale and group, stacked by band."""
    colours: dict[str, str] = {}
    for sub in subs:
        for band, colour in band_colours(sub.bands, sub.direction).items():
            colours.setdefault(band, colour)
    rows = summary.set_index("label").loc[[sub.label for sub in subs]].reset_index()
    many = rows["group"].nunique() > 1
    categories = tuple(f"{r.label}: {r.group}" if many else r.label for r in rows.itertuples())
    series = tuple(Series(band, tuple(_value(rows.get(f"share_{band}"), k) for k in range(len(rows))), colour)
                   for band, colour in colours.items())
    return Chart("shares", "Share of people in each band", categories, series)


def _value(column: pd.Series | None, k: int) -> float | None:
    return None if column is None or pd.isna(column.iloc[k]) else float(column.iloc[k])


def _reference(release: Release, filters: dict, subs: tuple[ScoreColumn, ...], choices: Choices, label: str
               ) -> tuple[pd.DataFrame, list[Slide]]:
    """The scope beside the chosen reference, from the release: the table and one view."""
    if choices.reference is None:
        return pd.DataFrame(), []
    scope = release.table((), filters | ({"team": choices.team} if choices.team is not None else {}))
    table, points, note = reference_view(scope, subs, choices.reference, label)
    return table, [Slide("reference", f"Compared with others: {choices.reference.name}", points, note=note)] if (
        points) else []


# ---------------------------------------------------------------- change between waves


def _change(release: Release, subs: tuple[ScoreColumn, ...], choices: Choices, label: str, actions: tuple[Action, ...]
            ) -> tuple[pd.DataFrame, pd.DataFrame, Slide]:
    """Means by wave for the scope up to the chosen wave (hidden waves as gaps), every change
    between waves shown, the latest change in words, and the actions taken between the waves."""
    title = "How it has changed"
    waves = release.options("wave")
    if choices.wave:
        waves = waves[:waves.index(choices.wave) + 1]
    if len(waves) < 2:
        return pd.DataFrame(), pd.DataFrame(), Slide("change", title, (
            "There is no earlier wave to compare with yet. Next time, this is where the change will show.",))
    scope = {"team": choices.team} if choices.team else {}
    by_wave = _by_wave(release, subs, scope, waves).assign(group=label)
    changes = pd.concat([release.changes(sub.column, filters=scope).assign(subscale=sub.column, label=sub.label)
                         for sub in subs], ignore_index=True)
    changes = changes[changes["to"].isin(waves)]
    latest = changes[changes["to"] == waves[-1]]
    told = list(zip(latest.to_dict("records"), subs))
    points = tuple(change_sentence(pd.Series(change), sub.label, sub.direction, figures=False) for change, sub in told)
    figures = " ".join(f"{sub.label}: {change_figures(pd.Series(change))}." for change, sub in told
                       if pd.notna(change["change"]))
    marks = markers(actions, waves)
    points += tuple(f"Action taken between {waves[int(x - 0.5)]} and {waves[int(x + 0.5)]} ({text})."
                    for x, text in marks)
    note = ("A gap is a wave with too few people to show, or one that would let a smaller group be worked out. "
            "When we can't tell a change apart from chance, it is small enough to come from who happened to answer."
            + (" Dashed lines mark actions taken." if marks else ""))
    chart = _means_chart(by_wave, subs)
    chart = chart and replace(chart, marks=tuple(marks))
    speaker = (f"The figures, if asked (change in the mean since {waves[-2]}, with the range it most likely lies "
               f"in): {figures} A range that includes 0 is a change we can't tell apart from chance.") if figures else ""
    return by_wave.dropna(subset=["people"]), changes, Slide("change", title, points, chart, note, speaker)


def _means_chart(by_wave: pd.DataFrame, subs: tuple[ScoreColumn, ...]) -> Chart | None:
    """One line per subscale across the waves; nothing to draw when every wave is hidden."""
    if by_wave["mean"].isna().all():
        return None
    waves = tuple(by_wave["wave"].unique())
    series = tuple(Series(sub.label, tuple(_value(by_wave.loc[by_wave["subscale"] == sub.column, "mean"], k)
                                           for k in range(len(waves))), SLIDE_SERIES_COLOURS[i % len(SLIDE_SERIES_COLOURS)])
                   for i, sub in enumerate(subs))
    return Chart("means", "Mean score by wave", waves, series, (min(s.low for s in subs), max(s.high for s in subs)))


def _by_wave(release: Release, subs: tuple[ScoreColumn, ...], scope: dict, waves: list) -> pd.DataFrame:
    """The scope's released summary per wave, as the Trends page shows it: one row per wave and
    subscale in wave order, a hidden wave left blank."""
    table = _rounded(release.table(["wave"], scope))
    table = table[table["people"].notna() & table["mean"].notna()]
    grid = pd.MultiIndex.from_product([waves, [sub.column for sub in subs]], names=["wave", "subscale"])
    table = table.drop(columns="label").set_index(["wave", "subscale"]).reindex(grid).reset_index()
    return table.assign(label=table["subscale"].map({sub.column: sub.label for sub in subs}))


# ---------------------------------------------------------------- words: opening, comments, conversation


def _opening(title: str, summary: pd.DataFrame, choices: Choices) -> Slide:
    people = summary.groupby("group", sort=False)["people"].max() if len(summary) else pd.Series(dtype=float)
    when = f" in {choices.wave}" if choices.wave else ""
    points = [f"{count(people.iloc[0])} people answered{when}." if len(people) else
              "No numbers can be shown for this group; the next view says why. The conversation can still go ahead."]
    if len(people) > 1:
        points.append(f"Compared with {WHOLE}: {count(people.iloc[1])} people.")
    points += [f"Only groups of {MIN_GROUP} or more people are shown, and never one that could be worked out from "
               "the others. No one's own answers are shown.",
               "Strengths come first. The harder scores describe what the work asks of us, not what is wrong "
               "with anyone."]
    return Slide("opening", title, tuple(points))


def _hidden_slide(choices: Choices) -> Slide:
    where = "this team" if choices.team is not None else "this selection"
    return Slide("hidden", "Why there are no numbers here", (
        f"Fewer than {MIN_GROUP} people are in {where}, or showing it would let a smaller group be worked out "
        "from the others.",
        "Keeping everyone's answers private matters more than the numbers, so none are shown.",
        "All waves together may make a group large enough to show. The questions that follow need no numbers.",
    ))


def _comment_slides(survey: ScoredSurvey, choices: Choices, comments: CommentRelease | None
                    ) -> tuple[list[Slide], pd.DataFrame]:
    """What people wrote, for the scope (tiwell.present.comment_slides), unless hidden by choice."""
    if not choices.show_comments or not survey.mapping.columns_for("comment"):
        return [], pd.DataFrame()
    scope = {"wave": choices.wave} if choices.wave else {}
    scope |= {"team": choices.team} if choices.team is not None else {}
    return comment_slides(comments or story_comments(survey, choices.names, choices.themes_text), scope)


def _actions_told(survey: ScoredSurvey, choices: Choices, label: str) -> tuple[Action, ...]:
    """The logged actions for the scope (a team's own and the organisation's), teams named as
    the story names them: the scope by its label, others by neutral labels when chosen."""
    if choices.team is not None:
        chosen = tuple(a for a in choices.actions if not a.teams or choices.team in a.teams)
    else:
        chosen = choices.actions
    names = neutral_labels(survey.teams, choices.label_key) if choices.neutral_labels else {}
    names |= {choices.team: label} if choices.team is not None else {}
    hidden = tuple(names) if choices.neutral_labels or label == "this team" else ()
    return tuple(replace(a, title=redact(a.title, hidden), owner=redact(a.owner, hidden),
                         teams=tuple(names.get(t, t) for t in a.teams)) for a in chosen)


def _commitments(text: str, actions: tuple[Action, ...] = ()) -> Slide:
    lines = tuple(line.strip().lstrip("-*\u2022 ").strip() for line in text.splitlines())
    logged = tuple(f"{a.title} ({a.scope}, from {a.date:%d %B %Y}; {a.principle.lower()}; owner: {a.owner})."
                   for a in actions)
    points = logged + tuple(line for line in lines if line) or (
        "Nothing has been written down yet. This is a good moment to agree what would help, and who will "
        "follow it up.",)
    return Slide("commitments", "What the organisation has committed to", points)


def _questions(choices: Choices) -> list[Slide]:
    table = load_questions() if choices.questions is None else choices.questions
    table = table.fillna("").astype(str)
    points = [f"{p.strip()}: {q.strip()}" if p.strip() else q.strip()
              for p, q in zip(table["principle"], table["question"]) if q.strip()]
    views = chunks(points, QUESTIONS_PER_SLIDE) or [[]]
    note = "There are no wrong answers. We are asking what happened and what would help, not who is to blame."
    return [Slide("questions", "Questions to talk about", tuple(view), note=note) for view in views]


def _settings(survey: ScoredSurvey, choices: Choices, label: str) -> pd.DataFrame:
    rows = {"Scope": label, "Wave": choices.wave or "All waves", "Smallest group shown": MIN_GROUP,
            "Team names": "neutral labels" if choices.neutral_labels else "as in the data",
            "Staff comments": "shown (redacted)" if choices.show_comments else "hidden",
            "Fewest people who wrote something": max(MIN_COMMENTS, MIN_GROUP),
            "Comment themes": "your own themes file" if choices.themes_text else "the shipped themes",
            "Instruments": ", ".join(inst.short_name for inst in survey.instruments),
            "File": survey.table.filename, "Made on": date.today().isoformat()}
    return pd.DataFrame({"setting": list(rows), "value": [str(v) for v in rows.values()]})
