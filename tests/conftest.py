"""Shared test setup: the tests folder is importable (for the browser helpers)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
