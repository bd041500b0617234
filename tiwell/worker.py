"""Reading and scoring an upload in a worker process, with a time limit and a memory limit.

A hostile or merely enormous file can take minutes or gigabytes to read. Read inside the server's
own process it would hold the interpreter, and with it every other person's session, and could
take the server down. So the dashboard reads and scores each upload in a child process: its
address space is capped (``RLIMIT_AS``), it is killed when its time is up, and either way the
person who uploaded the file gets one sentence while everyone else carries on.

Children come from multiprocessing's fork server: a single-threaded process started once, with
pandas and the core already imported, so a child starts in milliseconds and never inherits the
locks of the server's many threads (which a plain ``fork`` would). Results come back pickled
through a pipe, never through a file. An error raised by the core (a
:class:`~tiwell.errors.TiwellError`) comes back as itself, sentence and all; anything else becomes one
:class:`WorkLimitError` sentence, so no traceback (which may quote a cell) reaches the page or the
server log. Warnings are silenced in the child for the same reason.

The fork server preloads only installed libraries (:data:`PRELOAD`), never tiwell itself: it
imports from the folder the program was started in, which may hold another copy of tiwell, while
each child imports tiwell (a tenth of a second) from the server's own path. Children never re-run
the program's ``__main__`` (see :class:`_Launch`).
"""

from __future__ import annotations

import io
import multiprocessing
import os
import pickle
import resource
import warnings
from collections.abc import Callable
from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
from multiprocessing.context import ForkServerProcess, set_spawning_popen

from tiwell.errors import IngestError, TiwellError, WorkLimitError

SECONDS = 60  # for reading, or for scoring, one upload
MEMORY_BYTES = 3 * 2**29  # 1.5 GB beyond what the child maps when it starts
# Imported once, by the fork server: the heavy libraries the readers use (two seconds of imports).
PRELOAD = ["pandas", "numpy", "pyarrow", "python_calamine", "rapidfuzz", "dateutil", "scipy.stats", "threadpoolctl",
           "phonenumbers", "ahocorasick", "xlsxwriter"]

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)


class _Launch(popen_forkserver.Popen):
    """The fork server's launcher without one step: a child normally first re-runs the parent's
    ``__main__`` script. Streamlit makes the page script being run ``__main__``, so each child would
    run the whole dashboard before its work. Otherwise as the standard library's ``_launch``."""

    def _launch(self, process_obj):
        prep_data = {key: value for key, value in spawn.get_preparation_data(process_obj._name).items()
                     if not key.startswith("init_main")}
        buffer = io.BytesIO()
        set_spawning_popen(self)
        try:
            reduction.dump(prep_data, buffer)
            reduction.dump(process_obj, buffer)
        finally:
            set_spawning_popen(None)
        self.sentinel, w = forkserver.connect_to_new_process(self._fds)
        parent_w = os.dup(w)  # the child watches this end to know its parent is alive
        self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
        with open(w, "wb", closefd=True) as stream:
            stream.write(buffer.getbuffer())
        self.pid = forkserver.read_signed(self.sentinel)


class _Worker(ForkServerProcess):
    @staticmethod
    def _Popen(process_obj):
        return _Launch(process_obj)


def run_limited(function: Callable, *args, what: str, doing: str = "read and score", seconds: float = SECONDS,
                memory_bytes: int = MEMORY_BYTES, **kwargs):
    """``function(*args, **kwargs)`` in a worker process; ``what`` names the file and ``doing`` the work
    in the sentence given when the work fails other than by the core's own errors. ``function`` and everything
    passed to it or returned must be picklable (a module-level function, plain data)."""
    receive, send = _context.Pipe(duplex=False)
    child = _Worker(target=_work, args=(send, memory_bytes, function, args, kwargs), daemon=True)
    child.start()
    send.close()
    try:
        kind, value = receive.recv() if receive.poll(seconds) else ("time", None)
    except EOFError:  # the child died without a word: the memory limit, as a rule
        kind, value = "memory", None
    finally:
        child.kill()
        child.join()
        receive.close()
    if kind == "value":
        return value
    if kind == "error":
        raise value
    raise WorkLimitError(_sentence(kind, value, what, doing, seconds, memory_bytes))


def _sentence(kind: str, detail: str | None, what: str, doing: str, seconds: float, memory_bytes: int) -> str:
    if kind == "time":
        return (f"{what} took longer than {seconds:.0f} s to {doing}, so tiwell stopped; split it into "
                "smaller files or remove what is not needed, then upload again.")
    if kind == "memory":
        return (f"{what} needs more than {memory_bytes / 2**30:.1f} GB of memory to {doing}, so tiwell "
                "stopped; split it into smaller files, then upload again.")
    if kind == "recursion":
        return f"{what} is nested too deeply to read; save it again from the survey tool and upload that copy."
    return (f"{what} could not be read: tiwell met an unexpected problem ({detail}); save it again from the "
            "survey tool and upload that copy.")


def _work(send, memory_bytes: int, function: Callable, args: tuple, kwargs: dict) -> None:
    """The child's side: limit memory, run, and send back (kind, payload): the value, the core's
    error, or what went wrong without any of the file's content."""
    _limit_address_space(memory_bytes)
    # One BLAS thread for the whole child: its matrices are small, and more threads only fight the
    # other sessions' work. Set here, where the child has one thread, never in the server: there
    # threadpoolctl walks the loaded libraries under the loader's lock, which deadlocks against
    # another thread importing a compiled module.
    from threadpoolctl import threadpool_limits  # preloaded in the fork server

    threadpool_limits(1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            outcome = ("value", function(*args, **kwargs))
        send.send(outcome)
    except MemoryError:
        send.send(("memory", None))
    except RecursionError:
        send.send(("recursion", None))
    except Exception as exc:  # noqa: BLE001 - every failure must come back as one sentence
        send.send(_own_error(exc) or ("unexpected", type(exc).__name__))


def _own_error(exc: Exception) -> tuple[str, Exception] | None:
    """The core's own error (a :class:`TiwellError`) as it was raised, if it can travel."""
    if not isinstance(exc, TiwellError):
        return None
    try:
        return "error", pickle.loads(pickle.dumps(exc))
    except Exception:  # noqa: BLE001 - an error that cannot travel still gets its sentence
        return "error", IngestError(str(exc))


def _limit_address_space(memory_bytes: int) -> None:
    """Allow ``memory_bytes`` beyond what the child already maps: the imported libraries reserve
    far more address space than they use (a child with pandas loaded maps about 1.4 GB)."""
    with open("/proc/self/statm") as statm:
        mapped = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + memory_bytes if hard == resource.RLIM_INFINITY else min(mapped + memory_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
