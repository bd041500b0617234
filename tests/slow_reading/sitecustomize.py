"""Test instrument, loaded only by a test server started with this folder on PYTHONPATH: a
survey whose file name starts with "slow-" keeps its reader busy on the CPU without end, as a
file that is very heavy to parse would. Everything else is read as usual."""

from tiwell import ingest

_read_tables = ingest.read_tables


def read_tables(data, filename, *args, **kwargs):
    if filename.startswith("slow-"):
        while True:
            sum(range(100_000))
    return _read_tables(data, filename, *args, **kwargs)


ingest.read_tables = read_tables
