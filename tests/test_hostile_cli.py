"""The hostile corpus through the command line: exit 2 and one line naming the file, never a
traceback; readable oddities are scored with their formulas neutralised."""

import subprocess
import sys
from pathlib import Path

import pytest

from hostile import CLEAN_TOML, Case, corpus, valid_csv
from tiwell.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASES = corpus()


def score(case: Case, folder: Path) -> list[str]:
    path = folder / case.filename
    path.write_bytes(case.data)
    if case.kind == "instrument":
        survey = folder / "wave.csv"
        survey.write_bytes(valid_csv())
        return ["score", str(survey), "--instrument", str(path)]
    own = folder / "own.toml"
    if case.definition:
        own.write_bytes(case.definition)
    return ["score", str(path), "--out", str(folder / "scored.csv"), *(["--instrument", str(own)] * bool(case.definition))]


@pytest.mark.parametrize("case", [c for c in CASES if c.expect], ids=lambda c: c.name)
def test_a_broken_file_gets_one_line_and_exit_2(case, tmp_path, capsys):
    assert main(score(case, tmp_path)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("tiwell: ") and case.expect in err
    assert not (tmp_path / "scored.csv").exists(), "no half-written output"


@pytest.mark.parametrize("case", [c for c in CASES if c.expect is None], ids=lambda c: c.name)
def test_a_readable_oddity_is_scored_and_written_safely(case, tmp_path, capsys):
    assert main(score(case, tmp_path)) == 0
    written = (tmp_path / "scored.csv").read_text("utf-8-sig")
    assert f"Wrote {written.count(chr(10)) - 1} rows" in capsys.readouterr().err
    for line in written.splitlines():
        assert not any(cell.startswith(("=", "+", "-", "@")) for cell in line.split(",")), line


def test_a_valid_custom_instrument_is_the_control(tmp_path, capsys):
    (tmp_path / "wave.csv").write_bytes(valid_csv())
    (tmp_path / "mine.toml").write_text(CLEAN_TOML, "utf-8")
    assert main(["score", str(tmp_path / "wave.csv"), "--instrument", str(tmp_path / "mine.toml")]) == 0


@pytest.mark.parametrize("name", ["zip bomb disguised as xlsx", "sheet with a cell at the far corner"])
def test_the_real_program_refuses_the_worst_files_quickly(name, tmp_path):
    case = next(c for c in CASES if c.name == name)
    command = [sys.executable, "-m", "tiwell", *score(case, tmp_path)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and case.expect in done.stderr and "Traceback" not in done.stderr
