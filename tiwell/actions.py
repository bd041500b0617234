"""The action log: what the organisation did after a survey, so the next survey can ask whether it helped.

Each action is dated, serves one of the six trauma-informed principles, has an owner, and touches
either the whole organisation or named teams. Actions are checked on the way in, with a message
naming the action and the field at fault, and placed between the survey waves they fall between
so every trend chart can mark them.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime

import pandas as pd

from tiwell.errors import ActionError
from tiwell.theme import PRINCIPLE_LABELS, PRINCIPLES

TABLE_COLUMNS = ["id", "date", "title", "teams", "principle", "owner", "theme"]
WHOLE_ORGANISATION = "the whole organisation"
OWNER_TO_AGREE = "to be agreed"


@dataclass(frozen=True)
class Action:
    """One dated step taken. ``teams`` empty means the whole organisation; ``theme`` is the id of
    the comment theme it answers, when it was made from one, so the next wave can show whether
    that theme's share moved."""

    id: str
    date: date
    title: str
    principle: str
    owner: str
    teams: tuple[str, ...] = ()
    theme: str = ""

    @property
    def scope(self) -> str:
        return ", ".join(self.teams) if self.teams else WHOLE_ORGANISATION

    def to_dict(self) -> dict:
        """The action as saved; ``theme`` only when set, so a log made before themes saves as it did."""
        saved = asdict(self) | {"date": self.date.isoformat(), "teams": list(self.teams)}
        return saved if self.theme else {k: v for k, v in saved.items() if k != "theme"}


def make_action(data: dict, where: str = "action") -> Action:
    """An Action from a plain dict (a saved file or an edited table row), every field checked."""
    if not isinstance(data, dict):
        raise ActionError(f"{where} must be a set of fields (id, date, title, teams, principle, owner).")
    title = _text(data, "title", where, required=True)
    where = f"{where} ('{title}')"
    principle = _text(data, "principle", where, required=True)
    if principle not in PRINCIPLE_LABELS:
        raise ActionError(f"{where}: principle '{principle}' is not one of: {'; '.join(PRINCIPLE_LABELS)}.")
    teams = data.get("teams") or []
    if isinstance(teams, str):
        teams = [t.strip() for t in teams.split(";")]
    if not isinstance(teams, (list, tuple)) or not all(isinstance(t, str) for t in teams):
        raise ActionError(f"{where}: teams must be a list of team names (empty for the whole organisation).")
    return Action(id=_text(data, "id", where) or _slug(title), date=_date(data.get("date"), where), title=title,
                  principle=principle, owner=_text(data, "owner", where, required=True),
                  teams=tuple(sorted({t.strip() for t in teams if t.strip()})), theme=_text(data, "theme", where))


def theme_action(theme: str, label: str, principle: str, on: date) -> Action:
    """The action a comment theme becomes in one click: titled by the theme, serving the
    principle the theme names (an id of tiwell.theme.PRINCIPLES), for the whole organisation,
    its owner left to agree. The log's table edits the rest."""
    if principle not in PRINCIPLES:
        raise ActionError(f"Theme '{label}': principle '{principle}' is not one of: {'; '.join(PRINCIPLES)}.")
    return Action(id=f"theme-{_slug(theme)}-{on.isoformat()}", date=on, title=f"Act on what staff wrote: {label}",
                  principle=PRINCIPLES[principle], owner=OWNER_TO_AGREE, theme=theme)


def _text(data: dict, field: str, where: str, required: bool = False) -> str:
    value = data.get(field)
    value = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
    if not isinstance(value, str):
        raise ActionError(f"{where}: {field} must be text, not {value!r}.")
    if required and not value.strip():
        raise ActionError(f"{where}: {field} is empty; every action needs one.")
    return value.strip()


def _date(value, where: str) -> date:
    """A date from a date, a timestamp or ISO text (2025-06-01)."""
    if isinstance(value, datetime):  # pandas' Timestamp too
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise ActionError(f"{where}: date '{value}' is not a date written as year-month-day (2025-06-01).") from None


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "action"


def check_log(actions: list[Action], teams: list[str] | None = None) -> tuple[Action, ...]:
    """The log in date order, refusing two actions with one id and, when ``teams`` is given,
    a team the survey does not have."""
    seen = set()
    for action in actions:
        if action.id in seen:
            raise ActionError(f"Two actions share the id '{action.id}'; give each its own.")
        seen.add(action.id)
        unknown = sorted(set(action.teams) - set(teams)) if teams is not None else []
        if unknown:
            raise ActionError(f"Action '{action.title}' names team '{unknown[0]}', which this survey does not have.")
    return tuple(sorted(actions, key=lambda a: (a.date, a.title)))


def log_table(actions: tuple[Action, ...]) -> pd.DataFrame:
    """The log as an editable table, one row per action (teams as a list)."""
    rows = [asdict(a) | {"date": a.date, "teams": list(a.teams)} for a in actions]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS).astype({"id": "str", "title": "str", "theme": "str"})


def log_from_table(table: pd.DataFrame, teams: list[str] | None = None) -> tuple[Action, ...]:
    """The log from an edited table; empty rows (all blank) are dropped, others checked by row."""
    actions = []
    for k, row in enumerate(table.to_dict("records"), start=1):
        if all(_blank(row.get(c)) for c in ("title", "date", "principle", "owner")):
            continue
        teams_value = row.get("teams")
        row["teams"] = [] if _blank(teams_value) else list(teams_value)
        action = make_action(row, where=f"Row {k}")
        if _blank(row.get("id")) and action.id in {a.id for a in actions}:
            action = replace(action, id=f"{action.id}-{k}")  # a new row titled like another
        actions.append(action)
    return check_log(actions, teams)


def _blank(value) -> bool:
    """None, NaN, blank text or an empty list (the cells of a new row in an edited table)."""
    if isinstance(value, str):
        return not value.strip()
    if hasattr(value, "__len__"):  # a list of teams, as a list or an array
        return len(value) == 0
    return value is None or pd.isna(value)


# ---------------------------------------------------------------- actions between waves


def wave_start(wave: str) -> date | None:
    """The first day of a wave labelled by its month (2025-03), or None for other labels."""
    if not re.fullmatch(r"\d{4}-\d{2}", str(wave)):
        return None
    year, month = map(int, str(wave).split("-"))
    return date(year, month, 1) if 1 <= month <= 12 else None


def waves_after(action: Action, waves: list[str]) -> list[str] | None:
    """The waves that came after the action. A wave in the action's own month counts as before it:
    the action has had no time to make a difference. None when the wave labels are not months."""
    starts = [wave_start(w) for w in waves]
    if any(s is None for s in starts):
        return None
    month = date(action.date.year, action.date.month, 1)
    return [w for w, s in zip(waves, starts) if s > month]


def markers(actions: tuple[Action, ...], waves: list[str], teams: list[str] | None = None) -> list[tuple[float, str]]:
    """(position on a wave axis, label) per action that falls between the first and last wave:
    position k - 0.5 sits between waves k-1 and k. With ``teams``, only the actions that touch
    one of them or the whole organisation."""
    out = []
    for action in _touching(actions, teams):
        after = waves_after(action, waves)
        if after is None or not after or len(after) == len(waves):
            continue
        out.append((waves.index(after[0]) - 0.5, _label(action)))
    return out


def dated_markers(actions: tuple[Action, ...], teams: list[str] | None = None) -> list[tuple[str, str]]:
    """(ISO date, label) per action, for a chart whose axis is time rather than waves."""
    return [(action.date.isoformat(), _label(action)) for action in _touching(actions, teams)]


def _touching(actions: tuple[Action, ...], teams: list[str] | None) -> list[Action]:
    return [a for a in actions if teams is None or not a.teams or set(a.teams) & set(teams)]


def _label(action: Action) -> str:
    return f"{action.date:%d %b %Y}: {action.title}"
