"""A benchmark pack: an organisation's released aggregates, small enough to share, and nothing else.

Takes the audited release (:mod:`tiwell.privacy.release`) and the team types a user tags; gives a
small JSON document (a dict here): per instrument and subscale, the n, mean, SD and band counts of
the whole organisation and of each team type (residential, fieldwork...), with the sector, a size
band and the survey period. Its rules, each checked again on reading (:mod:`tiwell.packs.read`):

- only words from fixed lists (sectors, size bands, team types, the instrument's own band labels)
  and an organisation code: no team names, no free text of any kind;
- every count rounded to 5 (:data:`ROUND_TO`), every mean and SD to 2 decimals;
- no group under 10 people (:data:`PACK_MIN`): a team type under 10 is left out, and when the
  people outside every shown type are fewer than 10 (whole organisation minus the types, which
  anyone could subtract), the smallest type is left out too, until they are none or 10 or more;
- a group's band counts are given only when every band holds none or at least 10 people.

A team type's figures are combined from its teams' released cells (n, mean, SD, band shares), so a
pack holds nothing the release did not already allow; a team the release hides is not in its type.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass

import pandas as pd

from tiwell.errors import PackError
from tiwell.packs.pool import combine_groups
from tiwell.privacy.release import Release
from tiwell.survey import ScoredSurvey

FORMAT, VERSION = "tiwell-benchmark-pack", 1
PACK_MIN = 10
ROUND_TO = 5
WHOLE = "whole organisation"
SECTORS = ("children's services", "social care", "health", "mental health", "education", "housing",
           "youth justice", "justice", "emergency services", "charity", "local government", "other")
SIZE_BANDS = ("under 50", "50 to 249", "250 to 999", "1,000 or more")
TEAM_TYPES = ("residential", "fieldwork", "community", "clinical", "helpline", "education", "office",
              "management", "other")
PERIOD = re.compile(r"^(19|20)\d{2}(-(0[1-9]|1[0-2]))?$")  # a year, or a year and month
ORGANISATION = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class PackScore:
    """What the pack needs of one subscale: where it is in the release and what it is."""

    instrument: str
    subscale: str
    column: str
    bands: tuple[str, ...]


def organisation_code(name: str) -> str:
    """A code for the organisation, the same every time for the same name (so its packs are
    counted once when pooled), from which the name is not written out."""
    text = " ".join(name.split()).casefold()
    if not text:
        raise PackError("A benchmark pack needs the organisation's name, to make the code that lets the same "
                        "organisation be counted once; the name itself is not written into the pack.")
    return hashlib.sha256(b"tiwell organisation\x00" + text.encode("utf-8")).hexdigest()[:16]


def size_band(people: float) -> str:
    """The size band for this many people."""
    for band, top in zip(SIZE_BANDS, (50, 250, 1000)):
        if people < top:
            return band
    return SIZE_BANDS[-1]


def survey_pack(survey: ScoredSurvey, release: Release, *, organisation: str, sector: str, period: str,
                team_types: dict | None = None, size: str | None = None, wave=None) -> dict:
    """The pack for one wave of a scored survey (the latest, unless ``wave`` is given), from its
    release; ``team_types`` maps team names to :data:`TEAM_TYPES` (untagged teams are in the whole
    organisation only)."""
    waves = release.options("wave")
    filters = {"wave": wave if wave is not None else waves[-1]} if waves else {}
    whole = release.table((), filters)
    teams = release.table(["team"], filters) if "team" in release.dims else pd.DataFrame()
    scores = [PackScore(sub.instrument.id, sub.subscale.id, sub.column, release.bands.get(sub.column, sub.bands))
              for sub in survey.subscales]
    people = release.people(filters)
    header = {"organisation": organisation_code(organisation), "sector": _choice(sector, SECTORS, "sector"),
              "size_band": _choice(size or size_band(0 if pd.isna(people) else people), SIZE_BANDS, "size band"),
              "period": _period(period)}
    return build_pack(whole, teams, scores, _types(team_types or {}, survey.teams), header)


def build_pack(whole: pd.DataFrame, teams: pd.DataFrame, scores: list[PackScore], team_types: dict,
               header: dict) -> dict:
    """The pack from released tables: ``whole`` (one row per subscale) and ``teams`` (one row per
    team and subscale), both as :meth:`tiwell.privacy.Release.table` gives them."""
    rows = []
    for score in scores:
        mine = whole[whole["subscale"] == score.column]
        if mine.empty or pd.isna(mine["n"].iloc[0]) or mine["n"].iloc[0] < PACK_MIN:
            continue
        total = _group(mine.iloc[0], score)
        groups = _type_groups(teams[teams["subscale"] == score.column] if len(teams) else teams, score, team_types)
        groups = _without_small_rest(total, groups)
        for name, group in [(WHOLE, total), *groups.items()]:
            rows.append({"instrument": score.instrument, "subscale": score.subscale, "group": name} | _public(group))
    if not rows:
        raise PackError(f"No score has {PACK_MIN} or more people behind it here, so there is nothing a pack may carry.")
    return {"format": FORMAT, "version": VERSION, **header, "scores": rows}


def _group(row: pd.Series, score: PackScore) -> dict:
    """One released row as exact n, mean, SD and band counts (None when any band is hidden)."""
    counts = {}
    for band in score.bands:
        share = row.get(f"share_{band}")
        counts[band] = None if share is None or pd.isna(share) else int(round(float(share) * float(row["n"])))
    bands = counts if all(v is not None for v in counts.values()) else None
    return {"n": int(row["n"]), "mean": float(row["mean"]), "sd": float(row["sd"]), "bands": bands}


def _type_groups(teams: pd.DataFrame, score: PackScore, team_types: dict) -> dict[str, dict]:
    """Each tagged type's figures, combined from its shown teams; types under PACK_MIN left out."""
    parts: dict[str, list[dict]] = {}
    for _, row in teams.iterrows():
        kind = team_types.get(row["team"])
        if kind is not None and pd.notna(row["mean"]) and pd.notna(row["n"]):
            parts.setdefault(kind, []).append(_group(row, score))
    out = {}
    for kind in TEAM_TYPES:
        members = parts.get(kind)
        if not members:
            continue
        n, mean, sd = combine_groups([m["n"] for m in members], [m["mean"] for m in members],
                                     [m["sd"] for m in members])
        bands = (None if any(m["bands"] is None for m in members)
                 else {b: sum(m["bands"][b] for m in members) for b in score.bands})
        if n >= PACK_MIN:
            out[kind] = {"n": int(n), "mean": mean, "sd": sd, "bands": bands}
    return out


def _without_small_rest(total: dict, groups: dict[str, dict]) -> dict[str, dict]:
    """Leave out the smallest types while the people outside every shown type are 1 to 9: the
    whole organisation minus the types would otherwise give a group under 10."""
    groups = dict(groups)
    while groups and 0 < total["n"] - sum(g["n"] for g in groups.values()) < PACK_MIN:
        del groups[min(groups, key=lambda k: groups[k]["n"])]
    return groups


def _public(group: dict) -> dict:
    """A group as written: counts to the nearest 5, band counts only when every band is 0 or 10+."""
    bands = group["bands"]
    if bands is not None and any(0 < c < PACK_MIN for c in bands.values()):
        bands = None
    return {"n": rounded(group["n"]), "mean": round(group["mean"], 2), "sd": round(group["sd"], 2),
            "bands": None if bands is None else {b: rounded(c) for b, c in bands.items()}}


def rounded(value: int) -> int:
    """To the nearest multiple of ROUND_TO (halves up), as every count in a pack is written."""
    return int((value + ROUND_TO // 2) // ROUND_TO * ROUND_TO)


def _types(team_types: dict, teams: tuple) -> dict:
    """The tags, each a known team type; a tag equal to a team's own name is refused, so a pack
    can never carry a team name."""
    names = {str(t).casefold().strip() for t in teams}
    out = {}
    for team, kind in team_types.items():
        if kind in (None, ""):
            continue
        out[team] = _choice(kind, TEAM_TYPES, "team type")
        if kind.casefold() in names:
            raise PackError(f"'{kind}' is also the name of a team, so it cannot be used as a team type in a pack "
                            "(a pack never carries a team name).")
    return out


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise PackError(f"'{value}' is not a {what} a pack can carry; choose one of: {', '.join(allowed)}.")
    return value


def _period(value: str) -> str:
    value = str(value).strip()
    if not PERIOD.match(value):
        raise PackError(f"The survey period must be a year or a year and month, such as 2026 or 2026-03, "
                        f"not '{value}'.")
    return value


def pack_bytes(pack: dict) -> bytes:
    """The pack as the JSON file people send each other: small, readable, keys in a fixed order."""
    return (json.dumps(pack, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
