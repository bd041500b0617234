"""``python -m tiwell``: score a survey export from the command line.

    python -m tiwell score INPUT [INPUT ...] [--instrument ID|FILE] [--sheet NAME] [--map FILE]
                                 [--out FILE.csv|FILE.xlsx] [--save-map FILE] [--month-first]
                                 [--dictionary REDCAP_DICTIONARY.csv] [--wave-label FILE=LABEL]
    python -m tiwell comments INPUT [--map FILE] [--themes FILE.toml] [--out FILE.csv]
    python -m tiwell instruments

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

from tiwell.comments.flags import load_flags
from tiwell.comments.reading import read_comments
from tiwell.comments.themes import load_themes
from tiwell.errors import IngestError, InstrumentError, TiwellError
from tiwell.export import csv_bytes, scored_workbook
from tiwell.ingest.dictionary import read_data_dictionary
from tiwell.instruments.load import builtin_instruments, load_instrument
from tiwell.mapping.saved import with_labels
from tiwell.combine import describe_files, score_files
from tiwell.pipeline import score_file
from tiwell.findings import Code, describe_upload
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
    score.add_argument("input", type=Path, nargs="+", help="the survey export; several (one per wave) make one survey")
    score.add_argument("--instrument", action="append", default=[],
                       help="built-in id (e.g. proqol5) or a TOML definition file; repeat for several; detected when left out")
    score.add_argument("--sheet", help="the sheet to read (default: the first that holds the items)")
    score.add_argument("--map", type=Path, help="a mapping file saved earlier (JSON)")
    score.add_argument("--out", type=Path, help="where to write the scored rows (.csv or .xlsx); default: CSV to stdout")
    score.add_argument("--save-map", type=Path, help="also write the mapping used, to reuse next wave")
    score.add_argument("--band-set", action="append", default=[], metavar="INSTRUMENT=SET",
                       help="named cut points for an instrument, e.g. mbi_hss=classic_3rd_edition (see the instrument file)")
    score.add_argument("--month-first", action="store_true",
                       help="read dates such as 03/02/2026 as 2 March when no date in the column shows the order "
                            "(default: day first, 3 February); a date such as 13/02/2026 or 02/13/2026 always decides")
    score.add_argument("--dictionary", type=Path,
                       help="a REDCap data dictionary (CSV) whose choices label the export's codes "
                            "(team 3 -> its name)")
    score.add_argument("--wave-label", action="append", default=[], metavar="FILE=LABEL",
                       help="with several inputs, the wave of a file that has no dates or wave column, e.g. "
                            "wellbeing_2026.csv=2026 (default: the file's name without its extension)")
    score.set_defaults(run=_score)
    comments = commands.add_parser("comments", help="theme, tone and safety-flag each comment of one export")
    comments.add_argument("input", type=Path, help="the survey export")
    comments.add_argument("--map", type=Path, help="a mapping file saved earlier (JSON)")
    comments.add_argument("--themes", type=Path, help="your own themes (TOML), added to or replacing the seed's by id")
    comments.add_argument("--out", type=Path, help="where to write one row per comment (.csv); default: stdout")
    comments.set_defaults(run=_comments)
    listing = commands.add_parser("instruments", help="list the built-in instruments")
    listing.set_defaults(run=_instruments)
    return parser


def _score(args: argparse.Namespace) -> int:
    if args.out and args.out.suffix.lower() not in OUTPUT_SUFFIXES:
        raise IngestError(f"--out must end in .csv or .xlsx, not '{args.out.suffix}'.")
    instruments = tuple(load_instrument(i) for i in args.instrument)
    saved = args.map.read_text("utf-8") if args.map else None
    options = dict(instruments=instruments, sheet=args.sheet, band_sets=_band_sets(args.band_set),
                   month_first=args.month_first)
    labels = _dictionary(args.dictionary)
    if len(args.input) == 1 and not args.wave_label:
        survey = score_file(args.input[0].read_bytes(), args.input[0].name, saved_mapping=saved, code_labels=labels,
                            **options)
        lines = describe_upload(survey, chose_instrument=bool(args.instrument))
    else:  # a dictionary's labels go into the mapping every file is read with
        combined = score_files([(path.read_bytes(), path.name) for path in args.input],
                               saved_mapping=with_labels(saved, labels) if labels else saved,
                               wave_labels=_pairs(args.wave_label, "--wave-label", "FILE=LABEL (e.g. wellbeing_2026.csv=2026)"),
                               **options)
        survey = combined.survey
        lines = [line for part in combined.parts for line in describe_upload(part, chose_instrument=bool(args.instrument))]
        lines += describe_files(combined)
    _write(survey, args.out)
    if args.save_map:
        args.save_map.write_text(survey.mapping.to_json(), "utf-8")
    print(_summary(survey, lines, args), file=sys.stderr)
    return 0


def _comments(args: argparse.Namespace) -> int:
    """One row per comment: its row and column, themes (ids joined by ';'), tone, whether and
    why it is flagged, and the redacted text."""
    if args.out and args.out.suffix.lower() != ".csv":
        raise IngestError(f"--out must end in .csv, not '{args.out.suffix}'.")
    survey = score_file(args.input.read_bytes(), args.input.name,
                        saved_mapping=args.map.read_text("utf-8") if args.map else None)
    themes = load_themes(args.themes.read_text("utf-8"), args.themes.name) if args.themes else load_themes()
    frame = read_comments(survey, themes, load_flags()).frame
    table = pd.DataFrame({"row": frame["row"], "column": frame["column"], "themes": frame["themes"].map(";".join),
                          "tone": frame["tone"], "flagged": frame["flag"].notna().map({True: "yes", False: "no"}),
                          "flag": frame["flag"].fillna(""), "text": frame["text"]})
    data = csv_bytes(table)
    if args.out:
        args.out.write_bytes(data)
    else:
        sys.stdout.buffer.write(data)
    flagged = int(frame["flag"].notna().sum())
    print(f"{len(frame)} comments from {frame['person'].nunique()} people"
          + (f"; {flagged} flagged as possibly needing someone to act (flagged = yes): follow your organisation's "
             "own procedure." if flagged else "; none flagged.")
          + (f" Wrote {args.out}." if args.out else ""), file=sys.stderr)
    return 0


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
