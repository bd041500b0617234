"""A cold server's first page: the home page's first visit draws with Streamlit alone, and the
preload brings in every module the pages import, leaving later garbage collections working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ui.preload import page_modules

ROOT = Path(__file__).resolve().parent.parent


def run_python(code: str) -> str:
    """``code`` in a fresh interpreter (a module imported there is imported for this test alone)."""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def test_the_pages_modules_are_read_from_their_imports(tmp_path):
    (tmp_path / "one.py").write_text("from ui import state\nfrom tiwell.errors import TiwellError\nimport json\n")
    (tmp_path / "two.py").write_text("def later():\n    from tiwell.charts import heatmap\n")
    found = page_modules(tmp_path)
    # ui and ui.state are modules; TiwellError is a class, so tiwell.errors.TiwellError is not a module.
    assert found[:5] == ("ui", "ui.state", "tiwell.errors", "json", "tiwell.charts")
    assert "tiwell.errors.TiwellError" not in found and "tiwell.charts.heatmap" not in found
    assert found[5:] == ("sklearn.decomposition", "sklearn.feature_extraction.text", "faker.providers.person")


def test_every_page_module_is_among_the_real_pages_imports():
    found = page_modules()
    assert {"ui.state", "ui.plots", "tiwell.analysis", "tiwell.present.story", "tiwell.comments"} <= set(found)
    assert len(found) == len(set(found))


def test_the_first_visit_imports_no_core_and_the_sample_brings_it():
    out = run_python("""
import sys
from streamlit.testing.v1 import AppTest
import ui.preload
ui.preload._started.set()  # no background preload: what is imported is what the page itself needed
app = AppTest.from_file("dashboard.py", default_timeout=120).run()
heavy = ("ui.state", "tiwell.pipeline", "tiwell.findings", "tiwell.export", "scipy.stats", "pptx")
print(sorted(m for m in heavy if m in sys.modules), app.session_state["survey"], "Upload an export" in app.info[0].value)
app.button[0].click().run()
print(sorted(m for m in heavy[:4] if m in sys.modules), app.session_state["survey"].counts["respondents"] > 800)
""")
    assert out.splitlines()[-2:] == [
        "[] None True",
        "['tiwell.export', 'tiwell.findings', 'tiwell.pipeline', 'ui.state'] True",
    ]


def test_the_preload_imports_every_page_module_and_collection_still_frees_new_cycles():
    out = run_python("""
import gc, sys
from ui import preload
from tiwell.text import first_names
preload._import_all()
print(all(name in sys.modules for name in preload.page_modules()), gc.get_freeze_count() > 10_000,
      first_names.cache_info().currsize)
a, b = [], []
a.append(b); b.append(a)
del a, b
print(gc.collect() >= 2)
""")
    assert out.splitlines()[-2:] == ["True True 1", "True"]
