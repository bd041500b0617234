"""Reading the settings files people bring (JSON and TOML) within limits on size and nesting.

A workspace, a saved analysis, a mapping, an instrument definition and the question prompts are
all small documents, but the parsers behind them will read anything: a file of a hundred thousand
nested brackets ends in a RecursionError deep inside the parser (a traceback with the server's
paths), and a large file costs time in proportion. So every such reader comes here: the text is
held to a size, parsed, and its nesting measured, and each refusal is one sentence naming the
file. The caller still checks every field; this only says whether there is a document at all.
"""

from __future__ import annotations

import json
import tomllib

from tiwell.errors import SettingsFileError

MAX_JSON_CHARS = 10_000_000  # a workspace carries the action log and the user's own definitions
MAX_TOML_CHARS = 1_000_000  # a definition is a few kilobytes; the TOML parser reads ~3 MB a second
MAX_DEPTH = 32  # levels of lists and tables inside one another; tiwell's own files use fewer than 8


def load_json(text: str, source: str, kind: str = "a tiwell settings file", max_chars: int = MAX_JSON_CHARS):
    """The document in ``text``, or a SettingsFileError saying that ``source`` is not ``kind``
    and why."""
    _check_size(text, source, kind, max_chars)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SettingsFileError(f"{source} is not {kind} (not valid JSON: {exc.msg}, line {exc.lineno}).") from None
    except RecursionError:
        raise SettingsFileError(_too_deep(source, kind)) from None
    return _within_depth(data, source, kind)


def load_toml(text: str, source: str, kind: str = "a tiwell settings file", max_chars: int = MAX_TOML_CHARS) -> dict:
    """The TOML document in ``text``, or a SettingsFileError saying why ``source`` is not ``kind``."""
    _check_size(text, source, kind, max_chars)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsFileError(f"{source} is not valid TOML: {exc}.") from None
    except RecursionError:
        raise SettingsFileError(_too_deep(source, kind)) from None
    return _within_depth(data, source, kind)


def _check_size(text: str, source: str, kind: str, max_chars: int) -> None:
    if len(text) > max_chars:
        raise SettingsFileError(f"{source} is not {kind}: it holds {len(text):,} characters, and such a file holds "
                                f"at most {max_chars:,}.")


def _within_depth(data, source: str, kind: str):
    """``data`` itself, once no list or table in it lies more than MAX_DEPTH levels deep
    (measured without recursion, so that measuring cannot fail as the parser would)."""
    level = [data] if isinstance(data, (dict, list)) else []
    for _ in range(MAX_DEPTH):
        level = [child for node in level for child in (node.values() if isinstance(node, dict) else node)
                 if isinstance(child, (dict, list))]
        if not level:
            return data
    raise SettingsFileError(_too_deep(source, kind))


def _too_deep(source: str, kind: str) -> str:
    return (f"{source} is not {kind}: it nests lists or tables more than {MAX_DEPTH} levels deep, and such a file "
            "never does.")
