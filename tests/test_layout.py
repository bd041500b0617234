"""The layout kept honest: each stage imports only the stages before it, the core never imports
Streamlit or the test-data generators, every package's front door is documented and gives what it
names, and no module grows past what a reader takes in at once.

Imports are read from the source with :mod:`ast`, so an import inside a function counts as much as
one at the top of a module.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "tiwell"
RUNTIME = [CORE, ROOT / "ui", ROOT / "pages", ROOT / "dashboard.py"]
MAX_LINES = 400
OURS = ("tiwell", "synthetic")

# The core's stages in the order data flows through them (tiwell/__init__.py says what each does).
# A module may import from its own stage and from earlier ones, never from a later one. A listed
# name with no module yet is fine; a module missing from this list fails the test until it is placed.
STAGES = (
    ("text", "theme"),  # theme: colours and the six principles, imported by any stage, importing nothing
    ("errors", "findings"),
    ("ingest",),
    ("instruments",),
    ("mapping",),
    ("scoring",),
    ("pipeline", "survey", "combine"),  # combine: several exports scored one by one, then one survey
    ("stats",),
    ("privacy",),
    ("comments",),
    ("actions",),  # the action log: records the action-effect analysis and the story both read
    ("analysis",),
    ("packs",),  # benchmark packs: a release's aggregates shared, checked on reading, pooled
    ("charts",),
    ("export",),  # tables as formula-safe CSV and XLSX bytes: the deck and workbook are written through it
    ("present",),
    ("workspace", "worker", "cli", "__main__"),
)
STAGE = {name: rank for rank, names in enumerate(STAGES) for name in names}


def modules(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py")) if folder.is_dir() else [folder]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_module(name: str) -> bool:
    """Whether ``name`` is one of this project's modules or packages (read from the files)."""
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imported(path: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports, as absolute names with the line, in functions too:
    ``from package import name`` imports ``package.name`` when that is a module, else ``package``."""
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[:len(package.split(".")) - node.level + 1] if node.level else []
            source = ".".join([*base, *([node.module] if node.module else [])])
            found += [(f"{source}.{alias.name}" if is_module(f"{source}.{alias.name}") else source, node.lineno)
                      for alias in node.names]
    return found


def stage_of(module: str) -> str | None:
    """The stage a ``tiwell`` module belongs to: its subpackage or top-level module."""
    parts = module.split(".")
    return parts[1] if parts[0] == "tiwell" and len(parts) > 1 else None


def test_every_core_module_has_a_place_in_the_flow():
    unplaced = {module_name(p) for p in modules(CORE) if stage_of(module_name(p)) not in {*STAGE, None}}
    assert not unplaced, f"Place these in STAGES (tests/test_layout.py): {sorted(unplaced)}"


def test_each_stage_imports_only_itself_and_the_stages_before_it():
    upward = []
    for path in modules(CORE):
        own = stage_of(module_name(path))
        for target, line in imported(path):
            theirs = stage_of(target)
            if own in STAGE and theirs in STAGE and STAGE[theirs] > STAGE[own]:
                upward.append(f"{path.relative_to(ROOT)}:{line} ({own}) imports {target} ({theirs})")
    assert not upward, "A stage imports a later one:\n" + "\n".join(upward)


def test_inside_a_package_modules_import_the_defining_module_not_the_front_door():
    """A subpackage's __init__ imports its modules; a module importing that __init__ back would be a cycle."""
    through_front_door = []
    for path in modules(CORE):
        name = module_name(path)
        package = name.rpartition(".")[0]
        if path.name == "__init__.py" or package == "tiwell":
            continue
        through_front_door += [f"{path.relative_to(ROOT)}:{line} imports {target}"
                               for target, line in imported(path) if target == package]
    assert not through_front_door, "\n".join(through_front_door)


def test_pages_ui_and_analyses_take_statistics_from_the_front_door():
    """``tiwell.stats`` re-exports every public statistic, so its topic modules can be rearranged
    without touching a caller."""
    callers = [ROOT / "pages", ROOT / "ui", ROOT / "dashboard.py", CORE / "analysis"]
    behind = [f"{p.relative_to(ROOT)}:{line} imports {target}" for folder in callers for p in modules(folder)
              for target, line in imported(p)
              if target.startswith("tiwell.stats.") and not target.split(".")[2].startswith("_")]
    assert not behind, "\n".join(behind)


def test_nothing_the_app_runs_imports_the_test_data_generators():
    found = [f"{p.relative_to(ROOT)}:{line}" for folder in RUNTIME for p in modules(folder)
             for target, line in imported(p) if target.split(".")[0] == "synthetic"]
    assert not found, f"The runtime imports synthetic/ (test data only): {found}"


def test_no_core_module_imports_streamlit():
    found = [f"{p.relative_to(ROOT)}:{line}" for p in modules(CORE)
             for target, line in imported(p) if target.split(".")[0] == "streamlit"]
    assert not found, f"Streamlit belongs in ui/ and pages/, not the core: {found}"


def test_the_whole_core_loads_without_streamlit_or_the_generators():
    """Every core module imported in a fresh interpreter: nothing it needs, however indirectly,
    pulls in Streamlit or synthetic/."""
    names = [module_name(p) for p in modules(CORE) if p.name != "__main__.py"]
    script = ("import importlib, sys\n"
              f"for name in {names!r}:\n    importlib.import_module(name)\n"
              "print(sorted({m.split('.')[0] for m in sys.modules} & {'streamlit', 'synthetic'}))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


PACKAGES = sorted(p.parent for p in CORE.rglob("__init__.py") if p.parent != CORE)


@pytest.mark.parametrize("folder", PACKAGES, ids=lambda p: p.name)
def test_each_front_door_is_documented_and_exports_exactly_what_it_imports(folder):
    init = folder / "__init__.py"
    tree = ast.parse(init.read_text("utf-8"))
    doc = ast.get_docstring(tree)
    assert doc and len(doc.split()) >= 8, f"{init.relative_to(ROOT)} needs a docstring saying what the folder does"
    if not any(p.name != "__init__.py" for p in folder.glob("*.py")):
        return  # a folder of data files (prompts), read with importlib.resources: nothing to export
    package = importlib.import_module(module_name(init))
    names = package.__all__
    assert len(names) == len(set(names)), f"{package.__name__}.__all__ names something twice"
    missing = [n for n in names if not hasattr(package, n)]
    assert not missing, f"{package.__name__}.__all__ names what it does not have: {missing}"
    bound = {alias.asname or alias.name for node in tree.body
             if isinstance(node, ast.ImportFrom) and node.module != "__future__"
             for alias in node.names if not (alias.asname or alias.name).startswith("_")}
    assert bound == set(names), (f"{package.__name__}: imported but not in __all__: {sorted(bound - set(names))}; "
                                 f"in __all__ but not imported: {sorted(set(names) - bound)}")
    here = {p.stem for p in folder.glob("*.py")} | {p.parent.name for p in folder.glob("*/__init__.py")}
    shadowed = sorted(set(names) & here)
    assert not shadowed, (f"{package.__name__} exports {shadowed}, which hides the module of that name: "
                          f"'import {package.__name__}.{shadowed[0]} as m' would give the name, not the module")


def test_the_package_docstring_names_every_folder_and_module():
    """tiwell/__init__.py reads as the flow; a stage it does not name is one a newcomer cannot find."""
    doc = ast.get_docstring(ast.parse((CORE / "__init__.py").read_text("utf-8")))
    parts = [p.stem for p in CORE.iterdir() if (p.suffix == ".py" and p.stem not in ("__init__", "__main__"))
             or (p / "__init__.py").exists()]
    unnamed = sorted(name for name in parts if f"``{name}``" not in doc)
    assert not unnamed, f"tiwell/__init__.py does not say what these are for: {unnamed}"


def test_no_module_is_longer_than_a_reader_takes_in_at_once():
    folders = [*RUNTIME, ROOT / "synthetic"]
    long = {str(p.relative_to(ROOT)): n for folder in folders for p in modules(folder)
            if (n := len(p.read_text("utf-8").splitlines())) > MAX_LINES}
    assert not long, f"Over {MAX_LINES} lines, split by what they do: {long}"


def test_the_benchmarks_import_names_that_exist():
    """The benchmarks are not run by the tests, so a move in the core could break them unseen."""
    broken = []
    for path in modules(ROOT / "benchmarks"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            ours = isinstance(node, ast.ImportFrom) and node.level == 0 and node.module.split(".")[0] in OURS
            if ours and is_module(node.module):
                source = importlib.import_module(node.module)
                broken += [f"{path.name}:{node.lineno} {node.module}.{alias.name}" for alias in node.names
                           if not hasattr(source, alias.name) and not is_module(f"{node.module}.{alias.name}")]
            elif ours:
                broken.append(f"{path.name}:{node.lineno} {node.module}")
            elif isinstance(node, ast.Import):
                broken += [f"{path.name}:{node.lineno} {alias.name}" for alias in node.names
                           if alias.name.split(".")[0] in OURS and not is_module(alias.name)]
    assert not broken, f"Benchmarks import what is not there: {broken}"
