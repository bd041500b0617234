"""Many made-up organisations, each with its own benchmark pack, for pooling into a benchmark.

Organisation ``k`` is the made-up family-support organisation of :mod:`synthetic.respondents` run
with its own seed, in one of its waves, keeping its own share of people (25% to 100%) and its own
mix of teams (each of the nine kept with probability 0.7, at least three), with its teams renamed
after a place so that no two organisations share a team name. Its teams are tagged with a team
type by what they do (residential, fieldwork, community, office, clinical), its sector drawn from
three. Its pack is made as a user's would be: the export scored by :func:`tiwell.pipeline.score_file`,
the release built, the pack written from it. The same ``k`` always gives the same bytes.

``python -m synthetic.organisations OUT_DIR [COUNT]`` writes COUNT packs (200 by default) as
``org_001.json``...; ``data/samples/packs`` holds them, for the tests and the benchmark script.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from synthetic.layouts import plain_excel, to_csv_bytes
from synthetic.respondents import SEED, WAVES, simulate_survey
from tiwell.instruments import load_builtin
from tiwell.packs import pack_bytes, survey_pack
from tiwell.pipeline import score_file
from tiwell.privacy import DEFAULT_MIN_GROUP, survey_release

COUNT = 200
KINDS = {"Children's Residential": "residential", "Family Support North": "fieldwork",
         "Family Support South": "fieldwork", "Youth Justice": "community", "Fostering & Adoption": "fieldwork",
         "Adult Safeguarding": "fieldwork", "Early Help": "community", "Business Support": "office",
         "Clinical Psychology": "clinical"}
PLACES = ("Ashby", "Brampton", "Carlow", "Dunmore", "Elmsett", "Fenwick", "Garth", "Holme", "Ilsley", "Kelso",
          "Lanark", "Marden", "Norley", "Oakham", "Penrith", "Quarley", "Rydal", "Selby", "Tarbet", "Ulley")
SECTORS = ("children's services", "social care", "charity")


@dataclass(frozen=True)
class Organisation:
    """One made-up organisation: its name, sector, survey period, export and team types."""

    name: str
    sector: str
    period: str
    export: bytes
    team_types: dict[str, str]


def organisation(k: int) -> Organisation:
    """Organisation ``k`` (1, 2, ...): its export as a plain workbook would give it."""
    rng = np.random.default_rng([SEED, 21, k])
    instrument = load_builtin("proqol5")
    truth = simulate_survey(seed=SEED + 1000 + k, instrument=instrument)
    wave = list(WAVES)[int(rng.integers(len(WAVES)))]
    teams = [t for t in KINDS if rng.random() < 0.7]
    teams = teams if len(teams) >= 3 else list(KINDS)[:3]
    rows = truth[truth["wave"].eq(wave) & truth["team"].isin(teams)]
    rows = rows[rng.random(len(rows)) < rng.uniform(0.25, 1.0)]
    place = f"{PLACES[(k - 1) % len(PLACES)]} {(k - 1) // len(PLACES) + 1}"
    names = {team: f"{place} {team}" for team in teams}
    rows = rows.assign(team=rows["team"].map(names))
    return Organisation(name=f"{place} Family Services", sector=SECTORS[int(rng.integers(len(SECTORS)))],
                        period=wave, export=to_csv_bytes(plain_excel(rows, instrument)),
                        team_types={names[t]: KINDS[t] for t in teams})


def organisation_pack(k: int) -> bytes:
    """Organisation ``k``'s benchmark pack, made as the CLI and the app make one."""
    org = organisation(k)
    survey = score_file(org.export, f"organisation_{k:03d}.csv")
    release = survey_release(survey, DEFAULT_MIN_GROUP)
    return pack_bytes(survey_pack(survey, release, organisation=org.name, sector=org.sector, period=org.period,
                                  team_types=org.team_types))


def write_packs(out_dir: Path | str, count: int = COUNT) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(1, count + 1):
        paths.append(out / f"org_{k:03d}.json")
        paths[-1].write_bytes(organisation_pack(k))
    return paths


def team_names(count: int = COUNT) -> set[str]:
    """Every team name of the first ``count`` organisations (none may appear in any pack)."""
    return {f"{PLACES[(k - 1) % len(PLACES)]} {(k - 1) // len(PLACES) + 1} {team}"
            for k in range(1, count + 1) for team in KINDS} | set(KINDS)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write made-up organisations' benchmark packs.")
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("count", type=int, nargs="?", default=COUNT)
    args = parser.parse_args(argv)
    print(f"Wrote {len(write_packs(args.out_dir, args.count))} packs to {args.out_dir}.")


if __name__ == "__main__":
    main()
