"""Every command-line example in the README runs as written, in order, on a copy of the sample
files: exit 0, no traceback, no warning, and each file it names with --out written.

The examples are read from the README itself, so an example changed there is the example tested.
Installing, starting the dashboard, the test suite and the benchmarks are the other commands
the README shows; they are not examples of tiwell's own commands and are not run here."""

import re
import shlex
import shutil
import subprocess
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parent.parent
RUN = ("python -m tiwell", "python -m synthetic.samples")


def readme_commands() -> list[str]:
    """The README's tiwell and sample commands: each line of a code block (a line ending in a
    backslash joined to the next), then each command written inline in the text."""
    text = (ROOT / "README.md").read_text("utf-8").replace("\\\n", " ")
    blocks = text.split("```")
    lines = [" ".join(line.split("#")[0].split()) for block in blocks[1::2] for line in block.splitlines()]
    inline = [span for prose in blocks[::2] for span in re.findall(r"`([^`\n]+)`", prose)]
    return [line for line in lines + inline if line.startswith(RUN)]


def test_the_readme_has_the_examples_it_promises():
    commands = readme_commands()
    assert len(commands) == 10
    assert sum("--save-map" in c for c in commands) == 1 and sum("--map " in c for c in commands) == 1
    assert any(c.startswith("python -m synthetic.samples") for c in commands)


def written(words: list[str]) -> set[str]:
    """The paths a command writes: each --out and --save-map file, and the sample generator's folder."""
    if words[:3] == ["python", "-m", "synthetic.samples"]:
        return set(words[3:])
    return {words[k + 1] for k, word in enumerate(words[:-1]) if word in ("--out", "--save-map")}


def must_follow(later: list[str], earlier: list[str]) -> bool:
    """Whether ``later`` has to wait for ``earlier``: one writes a path the other names (a file,
    or a folder holding it), so running them side by side could read a file half written."""
    def clash(writes: set[str], names: list[str]) -> bool:
        return any(name == path or name.startswith(path.rstrip("/") + "/") for path in writes for name in names)
    return clash(written(earlier), later) or clash(written(later), earlier)


@pytest.fixture(scope="module")
def ran(tmp_path_factory) -> tuple[Path, list[subprocess.CompletedProcess]]:
    """Every README command in a folder holding a copy of ``data``: two at a time, each after
    the earlier ones whose files it reads or writes, so the result is that of running them in order."""
    where = tmp_path_factory.mktemp("readme")
    shutil.copytree(ROOT / "data", where / "data")
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    commands = [shlex.split(command) for command in readme_commands()]
    slots = threading.BoundedSemaphore(2)  # the machine's two cores

    def run(k: int, before: list[Future]) -> subprocess.CompletedProcess:
        wait(before)
        with slots:
            return subprocess.run([sys.executable, *commands[k][1:]], cwd=where, env=env, capture_output=True,
                                  text=True, timeout=300)

    futures: list[Future] = []
    with ThreadPoolExecutor(max_workers=len(commands)) as pool:
        for k, words in enumerate(commands):
            futures.append(pool.submit(run, k, [futures[j] for j in range(k) if must_follow(words, commands[j])]))
    return where, [future.result() for future in futures]


@pytest.mark.parametrize("k", range(10))
def test_each_readme_example_runs(ran, k):
    where, done = ran
    command, result = readme_commands()[k], done[k]
    assert result.returncode == 0, f"{command}\n{result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr, command
    words = shlex.split(command)
    for option in ("--out", "--save-map"):
        if option in words:
            assert (where / words[words.index(option) + 1]).stat().st_size > 0, command


def test_the_examples_score_what_they_say(ran):
    where, done = ran
    # The 2025 export read with the mapping saved from the full export: its two waves, every item mapped.
    assert "ProQOL 5 (30 of 30 item columns)" in done[1].stderr
    assert set(pd.read_csv(where / "scored_2025.csv")["status"]) <= {"scored", "prorated", "not_scored"}
    mbi = pd.read_csv(where / "mbi.csv")
    assert set(mbi["emotional_exhaustion_band"].dropna()) == {"low", "moderate", "high"}
    combined = pd.read_csv(where / "all.csv")
    assert sorted(combined["wave"].dropna().unique()) == ["2025-03", "2025-09", "2026-03"]
    assert "mbi_hss" in done[6].stdout
    assert "appreciation" in (where / "comments.csv").read_text("utf-8-sig")
    assert done[7].stderr.startswith("Pack of 9 scores for fieldwork, residential, whole organisation;")
    assert done[8].stderr.startswith("Benchmark of 4 organisations from 4 packs")
    # Writing the samples again gives the same bytes as the files shipped.
    for path in (ROOT / "data" / "samples").rglob("*"):
        if path.is_file():
            assert (where / path.relative_to(ROOT)).read_bytes() == path.read_bytes(), path.name
