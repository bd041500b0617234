"""The libraries the leaders' pages draw with, imported once per server while the first person
is still on the home page.

The home page needs none of them, so it no longer waits for them (plotly, SciPy's statistics and
python-pptx take seconds to import on a busy two-core server); without this the first visit of
Overview, Teams or Present would pay for them instead. The import runs once, in a background
thread started after the home page has been drawn.
"""

from __future__ import annotations

import importlib
import threading

LEADERS_MODULES = ("tiwell.charts", "tiwell.analysis", "tiwell.present", "tiwell.stats")
_started = threading.Event()


def preload_in_background() -> None:
    """Start importing the leaders' pages' libraries, the first time only."""
    if _started.is_set():
        return
    _started.set()
    threading.Thread(target=_import_all, name="tiwell-preload", daemon=True).start()


def _import_all() -> None:
    for name in LEADERS_MODULES:
        importlib.import_module(name)
