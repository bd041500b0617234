"""Memory a session freed, given back to the system once its scored survey is gone.

A 50,000-row survey and what is made from it take a few hundred megabytes. When the session ends,
Python frees them, but the C allocator keeps most of the freed pages for later use, so the
server's resident memory stayed where the session had taken it (315 MB more after one such
session, and all of it still held once the session had ended). So when a scored survey is gone,
the allocator is asked to hand its free pages back (glibc's ``malloc_trim``; where there is no
such call, nothing is done).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
import weakref
from functools import cache

SETTLE_SECONDS = 1.0  # after the survey goes, for the rest of what the session held to be freed too


def give_back_when_gone(survey: object) -> None:
    """Ask for the freed memory back once nothing refers to ``survey`` any more."""
    weakref.finalize(survey, _soon).atexit = False


def _soon() -> None:
    timer = threading.Timer(SETTLE_SECONDS, give_back)
    timer.daemon = True
    timer.start()


def give_back() -> None:
    """Free what only cycles still hold, then hand the allocator's free pages back to the system."""
    gc.collect()
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@cache
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None
