"""What makes the server's first page quick: the first visit drawn with Streamlit alone, and
everything the other pages import brought in once per server, in the background, while the first
person is still reading the home page.

A first visit of the home page needs nothing but Streamlit (pandas and the core come in once there
is a file to read), so the upload box is there as soon as the browser has loaded the app. The
pages' modules (pandas, SciPy's statistics, plotly, scikit-learn, python-pptx) take seconds to
import on a busy two-core server; without the preload the first upload or the first visit of
Overview, Teams or Present would wait for them instead. The import runs once, in a background
thread started after the home page has been drawn.
"""

from __future__ import annotations

import ast
import gc
import importlib
import importlib.util
import threading
from multiprocessing import forkserver
from pathlib import Path

PAGES = Path(__file__).resolve().parent.parent / "pages"
# Imported inside functions the pages reach, so not among the pages' own imports: the themes found in
# comments (scikit-learn) on In their own words and Present; the names that tell a person (Faker's) on upload.
ALSO = ("sklearn.decomposition", "sklearn.feature_extraction.text", "faker.providers.person")
_started = threading.Event()


def skip_direct_run_check() -> None:
    """Spare the first script run Streamlit's check that it was started by ``streamlit run``.

    The check walks the call stack with :func:`inspect.stack`, which looks up the source file of
    every module loaded (nearly a thousand with Streamlit alone): 0.3-0.6 s on the first element of
    the first page, once per server. The dashboard is only ever started by ``streamlit run``, so
    the warning it guards can never apply. Marking it as shown is what Streamlit itself does after
    the first check; in a Streamlit that no longer has the flag, this sets a name nothing reads.
    """
    import streamlit.delta_generator

    streamlit.delta_generator._use_warning_has_been_displayed = True


def page_modules(pages: Path = PAGES) -> tuple[str, ...]:
    """Every module the pages import (read from their source, so the list cannot fall behind the
    pages), each once, then :data:`ALSO`: the home page's first, as an upload needs them first."""
    found = []
    for path in sorted(pages.glob("*.py"), key=lambda path: (path.stem != "home", path.stem)):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                found += [alias.name for alias in node.names]
    return tuple(dict.fromkeys(name for name in [*found, *ALSO] if _importable(name)))


def _importable(name: str) -> bool:
    """Whether ``name`` is a module (``from ui import state`` names one; ``from tiwell.errors
    import TiwellError`` names a class, skipped)."""
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # a name inside a module that is not a package
        return False


def preload_in_background() -> None:
    """Start importing the pages' modules, the first time only. Streamlit's own objects are frozen
    first (see :func:`_import_all`), so the collection that ends this first run is quick too."""
    if _started.is_set():
        return
    _started.set()
    gc.freeze()
    threading.Thread(target=_import_all, name="tiwell-preload", daemon=True).start()


def _build_word_lists() -> None:
    """The word lists every session shares, built once per server and kept: the names that tell a
    person (looked for on upload and taken out of comments; half a second to build) and the tone lexicon."""
    from tiwell.comments import tone_of
    from tiwell.text import first_names, last_names

    first_names()
    last_names()
    tone_of("")


def _draw_a_figure() -> None:
    """One small figure made and written as Streamlit sends it. Plotly reads the schema it checks
    properties against on first use: the server's first chart took half a second longer than any
    after it, on whichever page a person happened to open first."""
    import plotly.graph_objects as go
    import plotly.io

    figure = go.Figure(go.Bar(x=[0], y=[0]), layout=dict(title="", legend=dict(orientation="h")))
    plotly.io.to_json(go.Figure(figure.to_dict()), validate=False)


def _import_all() -> None:
    """Start the fork server that reads uploads (:mod:`tiwell.worker`: it imports pandas and SciPy
    itself, in its own process, so on the second core), import every page's modules, build the
    shared word lists, draw a figure, then move what they made out of the garbage collector's sight.

    Streamlit runs a full garbage collection after every script run. With these libraries loaded
    that walks a few hundred thousand long-lived objects (classes, functions, modules' constants)
    each time, 0.1-0.2 s on every rerun; frozen, they are left out of every later collection (they
    live as long as the server anyway), and what sessions make is still collected as before.
    """
    try:
        importlib.import_module("tiwell.worker")
        forkserver.ensure_running()
        for name in page_modules():
            importlib.import_module(name)
        _build_word_lists()
        _draw_a_figure()
    finally:
        gc.freeze()
