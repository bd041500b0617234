"""Shared test setup: the tests folder is importable (for the browser helpers), and one running
dashboard per browser test module."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import chromium_path, streamlit_server  # noqa: E402


@pytest.fixture(scope="module")
def server():
    """A dashboard on a free local port, for a module of browser tests (skips without Chromium)."""
    chromium_path()
    with streamlit_server() as url:
        yield url
