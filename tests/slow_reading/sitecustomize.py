"""Test instrument, loaded only by a test server started with this folder on PYTHONPATH: a
survey whose file name starts with "slow-" sends its reader into a regular expression that
backtracks for hours while holding the interpreter's lock, as the statement and e-mail patterns
once did on crafted text. Everything else is read as usual. The server's time limit for one
upload is ``SLOW_READING_SECONDS`` (tiwell's own 60 s when unset), so a test can see the limit
reached without waiting a whole minute for it."""

import os
import re

from tiwell import worker
from tiwell.ingest import tables as ingest

_read_tables = ingest.read_tables
ENDLESS = re.compile(r"(a+)+b")


def read_tables(data, filename, *args, **kwargs):
    if filename.startswith("slow-"):
        ENDLESS.match("a" * 40)
    return _read_tables(data, filename, *args, **kwargs)


ingest.read_tables = read_tables

if "SLOW_READING_SECONDS" in os.environ:  # every page calls run_limited with its default limit
    worker.run_limited.__kwdefaults__["seconds"] = float(os.environ["SLOW_READING_SECONDS"])
