"""``python -m tiwell``: score a survey export from the command line.

    python -m tiwell score INPUT [INPUT ...] [--instrument ID|FILE] [--sheet NAME] [--map FILE]
                                 [--out FILE.csv|FILE.xlsx] [--save-map FILE] [--month-first]
                                 [--dictionary REDCAP_DICTIONARY.csv] [--wave-label FILE=LABEL]
    python -m tiwell comments INPUT [--map FILE] [--themes FILE.toml] [--out FILE.csv]
    python -m tiwell instruments
    python -m tiwell pack INPUT [INPUT ...] --organisation NAME --sector SECTOR [--period 2026-03]
                              [--team-type TEAM=TYPE ...] [--out pack.json] (and score's reading options)
    python -m tiwell benchmark PACK.json [PACK.json ...] [--out benchmark.json]

The scored rows go to ``--out`` (or to standard output as CSV); a plain summary of what was
found goes to standard error. Several inputs (one export per wave) become one survey, each row
with its ``source`` file and ``row`` (:mod:`tiwell.combine`). No value of a personal-data column
is ever printed: those columns are dropped on reading. ``comments`` writes one row per comment
with its themes, tone and safety flag, and the comment redacted (never the original text).
Exit 0 when the file was read, 2 with one clear line when it was not.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from tiwell.errors import IngestError, InstrumentError, PackError, TiwellError
from tiwell.export import csv_bytes, scored_workbook
from tiwell.ingest.dictionary import read_data_dictionary
from tiwell.instruments.load import builtin_instruments, load_instrument
from tiwell.mapping.saved import with_labels
from tiwell.combine import describe_files, score_files
from tiwell.pipeline import score_file
from tiwell.findings import Code, describe_upload
from tiwell.packs import SECTORS, SIZE_BANDS, TEAM_TYPES, benchmark_bytes, pack_bytes, pool_packs, read_pack, survey_pack
from tiwell.privacy import DEFAULT_MIN_GROUP, survey_release
from tiwell.survey import ScoredSurvey

OUTPUT_SUFFIXES = (".csv", ".xlsx")
MAX_LISTED_ROWS = 20


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except (TiwellError, OSError) as exc:  # what was given, or a file that could not be opened
        print(f"tiwell: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tiwell", description="Score staff wellbeing survey exports.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    score = commands.add_parser("score", help="score one export (CSV, XLSX, XLSM), or several as one survey")
    _reading_options(score)
    score.add_argument("--out", type=Path, help="where to write the scored rows (.csv or .xlsx); default: CSV to stdout")
    score.add_argument("--save-map", type=Path, help="also write the mapping used, to reuse next wave")
    score.set_defaults(run=_score)
    comments = commands.add_parser("comments", help="theme, tone and safety-flag each comment of one export")
    comments.add_argument("input", type=Path, help="the survey export")
    comments.add_argument("--map", type=Path, help="a mapping file saved earlier (JSON)")
    comments.add_argument("--themes", type=Path, help="your own themes (TOML), added to or replacing the seed's by id")
    comments.add_argument("--out", type=Path, help="where to write one row per comment (.csv); default: stdout")
    comments.set_defaults(run=_comments)
    listing = commands.add_parser("instruments", help="list the built-in instruments")
    listing.set_defaults(run=_instruments)
    _pack_commands(commands)
    return parser


def _pack_commands(commands) -> None:
    """``pack`` reads a survey as ``score`` does and writes its benchmark pack; ``benchmark`` pools packs."""
    pack = commands.add_parser("pack", help="write a benchmark pack: the survey's aggregates only, to share")
    _reading_options(pack)
    pack.add_argument("--organisation", required=True,
                      help="the organisation's name: only a code made from it goes into the pack, so the same "
                           "organisation is counted once when packs are pooled")
    pack.add_argument("--sector", required=True, choices=SECTORS, metavar="SECTOR", help=f"one of: {', '.join(SECTORS)}")
    pack.add_argument("--period", help="the survey period, such as 2026 or 2026-03 (default: the latest wave's label "
                                       "when it is one)")
    pack.add_argument("--size-band", choices=SIZE_BANDS, metavar="BAND",
                      help=f"the organisation's size (default: from the number who answered): {', '.join(SIZE_BANDS)}")
    pack.add_argument("--team-type", action="append", default=[], metavar="TEAM=TYPE",
                      help=f"tag a team with a type the pack reports (the team's name is never written): "
                           f"{', '.join(TEAM_TYPES)}")
    pack.add_argument("--wave", help="the wave to pack (default: the latest)")
    pack.add_argument("--out", type=Path, help="where to write the pack (default: standard output)")
    pack.set_defaults(run=_pack)
    bench = commands.add_parser("benchmark", help="pool benchmark packs from several organisations")
    bench.add_argument("packs", type=Path, nargs="+", help="the packs (JSON), one or more per organisation")
    bench.add_argument("--out", type=Path, help="where to write the benchmark (default: standard output)")
    bench.set_defaults(run=_benchmark)


def _reading_options(parser: argparse.ArgumentParser) -> None:
    """How a survey is read: the options ``score`` and ``pack`` share."""
    parser.add_argument("input", type=Path, nargs="+", help="the survey export; several (one per wave) make one survey")
    parser.add_argument("--instrument", action="append", default=[],
                        help="built-in id (e.g. proqol5) or a TOML definition file; repeat for several; detected when left out")
    parser.add_argument("--sheet", help="the sheet to read (default: the first that holds the items)")
    parser.add_argument("--map", type=Path, help="a mapping file saved earlier (JSON)")
    parser.add_argument("--band-set", action="append", default=[], metavar="INSTRUMENT=SET",
                        help="named cut points for an instrument, e.g. mbi_hss=classic_3rd_edition (see the instrument file)")
    parser.add_argument("--month-first", action="store_true",
                        help="read dates such as 03/02/2026 as 2 March when no date in the column shows the order "
                             "(default: day first, 3 February); a date such as 13/02/2026 or 02/13/2026 always decides")
    parser.add_argument("--dictionary", type=Path,
                        help="a REDCap data dictionary (CSV) whose choices label the export's codes "
                             "(team 3 -> its name)")
    parser.add_argument("--wave-label", action="append", default=[], metavar="FILE=LABEL",
                        help="with several inputs, the wave of a file that has no dates or wave column, e.g. "
                             "wellbeing_2026.csv=2026 (default: the file's name without its extension)")


def _score(args: argparse.Namespace) -> int:
    if args.out and args.out.suffix.lower() not in OUTPUT_SUFFIXES:
        raise IngestError(f"--out must end in .csv or .xlsx, not '{args.out.suffix}'.")
    survey, lines = _read(args)
    _write(survey, args.out)
    if args.save_map:
        args.save_map.write_text(survey.mapping.to_json(), "utf-8")
    print(_summary(survey, lines, args), file=sys.stderr)
    return 0


def _read(args: argparse.Namespace) -> tuple[ScoredSurvey, list[str]]:
    """The survey the inputs make, and what was found reading them."""
    instruments = tuple(load_instrument(i) for i in args.instrument)
    saved = args.map.read_text("utf-8") if args.map else None
    options = dict(instruments=instruments, sheet=args.sheet, band_sets=_band_sets(args.band_set),
                   month_first=args.month_first)
    labels = _dictionary(args.dictionary)
    if len(args.input) == 1 and not args.wave_label:
        survey = score_file(args.input[0].read_bytes(), args.input[0].name, saved_mapping=saved, code_labels=labels,
                            **options)
        lines = _sheet_unused(args.sheet, [survey]) + describe_upload(survey, chose_instrument=bool(args.instrument))
    else:  # a dictionary's labels go into the mapping every file is read with
        combined = score_files([(path.read_bytes(), path.name) for path in args.input],
                               saved_mapping=with_labels(saved, labels) if labels else saved,
                               wave_labels=_pairs(args.wave_label, "--wave-label", "FILE=LABEL (e.g. wellbeing_2026.csv=2026)"),
                               **options)
        survey = combined.survey
        lines = _sheet_unused(args.sheet, combined.parts) + [line for part in combined.parts for line in describe_upload(part, chose_instrument=bool(args.instrument))]
        lines += describe_files(combined)
    return survey, lines


def _pack(args: argparse.Namespace) -> int:
    survey, _ = _read(args)
    release = survey_release(survey, DEFAULT_MIN_GROUP)
    waves = release.options("wave")
    period = args.period or (str(args.wave or waves[-1]) if waves else "")
    pack = survey_pack(survey, release, organisation=args.organisation, sector=args.sector, period=period,
                       team_types=_pairs(args.team_type, "--team-type", "TEAM=TYPE (e.g. 'Oak House=residential')"),
                       size=args.size_band, wave=args.wave)
    _emit(pack_bytes(pack), args.out)
    groups = sorted({s["group"] for s in pack["scores"]})
    print(f"Pack of {len(pack['scores'])} scores for {', '.join(groups)}; counts rounded to 5, groups under 10 left "
          "out, no team names." + (f" Wrote {args.out}." if args.out else ""), file=sys.stderr)
    return 0


def _sheet_unused(sheet: str | None, parts: list[ScoredSurvey]) -> list[str]:
    """A warning for each text file read when a sheet was named: a CSV has no sheets, so the
    option did nothing there, and a person who meant another file should know."""
    return [f"Warning: --sheet {sheet} was not used for {part.table.filename}: it is a text (CSV) file, which has "
            "no sheets; all of it was read." for part in parts if sheet and part.table.sheet is None]


def _benchmark(args: argparse.Namespace) -> int:
    packs = []
    for path in args.packs:
        try:
            packs.append(read_pack(path.read_bytes(), path.name))
        except TiwellError as exc:
            print(f"tiwell: {exc}", file=sys.stderr)
    if not packs:
        raise PackError("No pack could be read, so there is no benchmark.")
    benchmark = pool_packs(packs)
    _emit(benchmark_bytes(benchmark), args.out)
    refused = len(args.packs) - len(packs)
    print(f"Benchmark of {benchmark.summary()}" + (f" {refused} pack(s) refused, as said above." if refused else "")
          + (f" Wrote {args.out}." if args.out else ""), file=sys.stderr)
    return 0


def _comments(args: argparse.Namespace) -> int:
    """One row per comment: its row and column, themes (ids joined by ';'), tone, whether and
    why it is flagged, and the redacted text."""
    from tiwell.comments.flags import load_flags  # here, not at the top: scoring needs none of the
    from tiwell.comments.reading import read_comments  # comment stage's statistics (SciPy)
    from tiwell.comments.themes import load_themes

    if args.out and args.out.suffix.lower() != ".csv":
        raise IngestError(f"--out must end in .csv, not '{args.out.suffix}'.")
    survey = score_file(args.input.read_bytes(), args.input.name,
                        saved_mapping=args.map.read_text("utf-8") if args.map else None)
    themes = load_themes(args.themes.read_text("utf-8"), args.themes.name) if args.themes else load_themes()
    frame = read_comments(survey, themes, load_flags()).frame
    table = pd.DataFrame({"row": frame["row"], "column": frame["column"], "themes": frame["themes"].map(";".join),
                          "tone": frame["tone"], "flagged": frame["flag"].notna().map({True: "yes", False: "no"}),
                          "flag": frame["flag"].fillna(""), "text": frame["text"]})
    _emit(csv_bytes(table), args.out)
    flagged = int(frame["flag"].notna().sum())
    print(f"{len(frame)} comments from {frame['person'].nunique()} people"
          + (f"; {flagged} flagged as possibly needing someone to act (flagged = yes): follow your organisation's "
             "own procedure." if flagged else "; none flagged.")
          + (f" Wrote {args.out}." if args.out else ""), file=sys.stderr)
    return 0


def _emit(data: bytes, out: Path | None) -> None:
    if out is None:
        sys.stdout.buffer.write(data)
    else:
        out.write_bytes(data)


def _dictionary(path: Path | None) -> dict[str, dict[str, str]] | None:
    return read_data_dictionary(path.read_bytes(), path.name) if path else None


def _band_sets(pairs: list[str]) -> dict[str, str]:
    return _pairs(pairs, "--band-set", "INSTRUMENT=SET (e.g. mbi_hss=classic_3rd_edition)")


def _pairs(pairs: list[str], option: str, shape: str) -> dict[str, str]:
    """``NAME=VALUE`` options as a dict; anything else is one sentence saying the shape wanted."""
    chosen = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name or not value:
            raise InstrumentError(f"{option} takes {shape}, not '{pair}'.")
        chosen[name] = value
    return chosen


def _write(survey: ScoredSurvey, out: Path | None) -> None:
    if out is None:
        sys.stdout.buffer.write(csv_bytes(survey.scored))
    elif out.suffix.lower() == ".xlsx":
        out.write_bytes(scored_workbook(survey))
    else:
        out.write_bytes(csv_bytes(survey.scored))


def _summary(survey: ScoredSurvey, lines: list[str], args: argparse.Namespace) -> str:
    unscored = survey.scored[survey.scored["status"] == "not_scored"]
    sources = unscored["source"] if "source" in unscored else [""] * len(unscored)
    for source, row, reason in list(zip(sources, unscored["row"], unscored["reason"]))[:MAX_LISTED_ROWS]:
        lines.append(f"  {source + ' ' if source else ''}row {row}: {reason}")
    if len(unscored) > MAX_LISTED_ROWS:
        lines.append(f"  ... and {len(unscored) - MAX_LISTED_ROWS} more (see the status and reason columns)")
    lines += _accepting_near_misses(survey)
    if args.out:
        lines.append(f"Wrote {len(survey.scored)} rows to {args.out}.")
    return "\n".join(lines)


def _accepting_near_misses(survey: ScoredSurvey) -> list[str]:
    """How to take a column that nearly matched an item, from the command line."""
    near = survey.findings.loc[survey.findings["code"] == Code.ITEM_NEAR_MISS, "column"].tolist()
    if not near:
        return []
    columns = ", ".join(f"'{c}'" for c in near)
    return [f"To accept {columns}: write the mapping with --save-map FILE, change that column's \"role\" from "
            "\"other\" to \"item\" in FILE (its instrument and item are filled in), and score again with --map FILE."]


def _instruments(args: argparse.Namespace) -> int:
    for inst in builtin_instruments():
        subscales = ", ".join(s.id for s in inst.subscales)
        print(f"{inst.id:24} {inst.short_name}: {len(inst.items)} items; {subscales}")
    return 0
