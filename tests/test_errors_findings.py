"""One error base and typed findings: every error tiwell raises is a TiwellError carrying where it
was found, pages and the CLI catch that base alone, and every finding in the report is made by one
constructor with a code the Code enum explains."""

import ast
import importlib
import inspect
import pickle
import pkgutil
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import tiwell
import tiwell.errors as errors
import ui.state
from figures import as_read
from tiwell.analysis.turnover import read_hr
from tiwell.cli import main
from tiwell.errors import IngestError, MappingError, TiwellError
from tiwell.findings import Code, Finding, finding, findings_frame
from tiwell.ingest import read_tables
from tiwell.instruments import load_builtin
from tiwell.mapping import mapping_from_table
from tiwell.pipeline import score_file, score_table
from ui.state import SAMPLE

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(ROOT / "dashboard.py")
PROQOL = load_builtin("proqol5")


class UnheardOfError(TiwellError):
    """A stage's error no page or command was written to expect."""


def tiwell_exception_classes() -> dict[str, type]:
    """Every exception class defined anywhere in the tiwell package, by qualified name."""
    found = {}
    for module_info in pkgutil.walk_packages(tiwell.__path__, "tiwell."):
        if module_info.name == "tiwell.__main__":
            continue
        module = importlib.import_module(module_info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__.startswith("tiwell"):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return found


# ---------------------------------------------------------------- one base


def test_every_error_tiwell_defines_is_a_tiwell_error_defined_in_errors():
    classes = tiwell_exception_classes()
    public = {name: cls for name, cls in classes.items() if not cls.__name__.startswith("_")}
    assert set(public) == {f"tiwell.errors.{name}" for name in errors.__all__}
    assert set(errors.__all__) == {"TiwellError", "IngestError", "LimitError", "WorkLimitError", "SettingsFileError",
                                   "InstrumentError", "MappingError", "ActionError", "WorkspaceError", "CompareError",
                                   "CombineError", "PackError", "ThemeFileError"}
    for cls in public.values():
        assert issubclass(cls, TiwellError) and issubclass(cls, ValueError), cls
    # The one private exception is the DTD scanner's signal, caught inside the guard, never raised out.
    assert {cls.__name__ for cls in classes.values()} - set(errors.__all__) == {"_DtdFound"}
    assert issubclass(errors.WorkLimitError, IngestError) and issubclass(errors.LimitError, IngestError)


def test_the_front_doors_hand_out_the_same_classes():
    import tiwell.actions
    import tiwell.ingest
    import tiwell.instruments
    import tiwell.mapping
    import tiwell.worker
    import tiwell.workspace

    assert tiwell.ingest.IngestError is tiwell.ingest.tables.IngestError is errors.IngestError
    assert tiwell.ingest.LimitError is tiwell.ingest.guard.LimitError is errors.LimitError
    assert tiwell.ingest.SettingsFileError is errors.SettingsFileError
    assert tiwell.instruments.InstrumentError is errors.InstrumentError
    assert tiwell.mapping.MappingError is errors.MappingError
    assert tiwell.actions.ActionError is errors.ActionError
    assert tiwell.workspace.WorkspaceError is errors.WorkspaceError
    assert tiwell.worker.WorkLimitError is errors.WorkLimitError


def test_errors_imports_nothing_from_tiwell():
    tree = ast.parse((ROOT / "tiwell" / "errors.py").read_text("utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert imported == ["__future__"]


def test_an_error_keeps_its_sentence_and_says_where_even_after_the_worker_pipe():
    with pytest.raises(IngestError) as raised:
        list(read_tables(b"", "wave.csv"))
    assert str(raised.value) == "wave.csv is empty."
    assert (raised.value.file, raised.value.sheet, raised.value.row, raised.value.column) == ("wave.csv", None, None, None)
    travelled = pickle.loads(pickle.dumps(raised.value))  # how the worker sends it back to the page
    assert type(travelled) is IngestError and str(travelled) == "wave.csv is empty." and travelled.file == "wave.csv"


def test_a_bad_count_in_the_hr_table_names_its_row_and_column():
    data = b"Team,Period,Headcount,Leavers\nNorth,2025-H1,12,2\nSouth,2025-H1,ten,1\n"
    with pytest.raises(IngestError) as raised:
        read_hr(data, "hr.csv")
    assert str(raised.value) == "hr.csv, row 3, column 'Headcount': 'ten' is not a count."
    assert (raised.value.row, raised.value.column) == (3, "Headcount")


def test_a_mapping_naming_a_column_the_file_lacks_names_it():
    frame = pd.DataFrame({f"Q{n}": ["3", "4"] for n in range(1, 31)}, index=[2, 3])
    source = next(read_tables(frame.to_csv(index=False).encode(), "x.csv"))
    edited = score_table(source, (PROQOL,)).mapping.table.copy()
    edited.loc[edited["column"] == "Q1", "column"] = "Q99"
    with pytest.raises(MappingError) as raised:
        mapping_from_table(edited, {"proqol5": PROQOL}, list(source.frame.columns))
    assert str(raised.value) == "The mapping names column 'Q99', which this file does not have."
    assert raised.value.column == "Q99"


# ---------------------------------------------------------------- caught as the base, and only it


def handler_names(path: Path) -> list[str]:
    """The exception names every ``except`` clause in a file catches."""
    names = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ExceptHandler) and node.type is not None:
            caught = node.type.elts if isinstance(node.type, ast.Tuple) else [node.type]
            names += [c.attr if isinstance(c, ast.Attribute) else c.id for c in caught]
    return names


def test_pages_ui_and_cli_catch_only_the_base_of_tiwells_errors():
    files = sorted((ROOT / "pages").glob("*.py")) + sorted((ROOT / "ui").glob("*.py")) + [ROOT / "tiwell" / "cli.py"]
    caught = {path.name: handler_names(path) for path in files}
    stage_errors = set(errors.__all__) - {"TiwellError"}
    assert not {(name, c) for name, names in caught.items() for c in names if c in stage_errors | {"ValueError"}}
    assert {"home.py", "cohorts.py", "turnover.py", "actions.py", "instruments.py", "cli.py"} <= {
        name for name, names in caught.items() if "TiwellError" in names}


def test_the_cli_gives_one_line_for_an_error_it_has_never_heard_of(tmp_path, monkeypatch, capsys):
    def refuse(*args, **kwargs):
        raise UnheardOfError("wave.csv holds something no stage has met before.", file="wave.csv")

    monkeypatch.setattr("tiwell.cli.score_file", refuse)
    (tmp_path / "wave.csv").write_text("Q1\n3\n", "utf-8")
    assert main(["score", str(tmp_path / "wave.csv")]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == "tiwell: wave.csv holds something no stage has met before.\n"


def refusing_reads(monkeypatch, filename: str) -> None:
    """Reading ``filename`` (in the worker, through ``ui.state``) raises an error of a new kind."""
    real = ui.state.run_limited

    def run(function, *args, **kwargs):
        if function.__name__ == "load_table" and args[1] == filename:
            raise UnheardOfError(f"{filename} holds something no stage has met before.", file=filename)
        return real(function, *args, **kwargs)

    st.cache_data.clear()
    st.cache_resource.clear()
    monkeypatch.setattr(ui.state, "run_limited", run)


def test_the_home_page_shows_the_sentence_of_an_error_it_has_never_heard_of(monkeypatch):
    refusing_reads(monkeypatch, "odd.csv")
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.file_uploader[0].upload("odd.csv", b"Q1\n3\n", "text/csv").run()
    assert not app.exception
    assert [as_read(e.value) for e in app.error] == ["odd.csv holds something no stage has met before."]
    assert app.session_state["survey"] is None


def test_the_cohorts_page_says_a_second_file_of_a_new_kind_of_error_cannot_be_compared(monkeypatch):
    refusing_reads(monkeypatch, "second.csv")
    app = AppTest.from_file(DASHBOARD, default_timeout=60).run()
    app.button[0].click().run()
    app.switch_page("pages/cohorts.py").run()
    app.file_uploader[0].upload("second.csv", b"Q1\n3\n", "text/csv").run()
    assert not app.exception
    assert [as_read(e.value) for e in app.error] == [
        "The second file cannot be compared: second.csv holds something no stage has met before."]
    assert app.selectbox[0].label == "Cohorts from" and "file" not in app.selectbox[0].options


# ---------------------------------------------------------------- typed findings


def test_a_finding_made_by_the_constructor_is_its_row_of_the_report():
    made = finding(Code.OFF_SCALE, "'7' is not an answer on the 1 to 5 scale.", row=4, column="Q1", value="7")
    assert made == Finding("warning", Code.OFF_SCALE, 4, "Q1", "7", "'7' is not an answer on the 1 to 5 scale.")
    report = findings_frame([made], file="wave.csv", sheet="Form1")
    assert list(report.columns) == ["severity", "code", "file", "sheet", "row", "column", "value", "message"]
    row = report.iloc[0].to_dict()
    assert row == {"severity": "warning", "code": "off_scale", "file": "wave.csv", "sheet": "Form1", "row": 4,
                   "column": "Q1", "value": "7", "message": "'7' is not an answer on the 1 to 5 scale."}
    assert type(row["code"]) is str, "the report holds plain text, as downloads and the workbook write it"
    back = finding(row["code"], row["message"], row=row["row"], column=row["column"], value=row["value"])
    assert back == made


def test_the_code_decides_the_severity_and_the_report_sorts_by_it():
    made = [finding("prorated", "Burnout prorated: 1 of 10 items unanswered", row=7),
            finding(Code.BLANK_ROW, "Blank row skipped.", row=3),
            finding(Code.NOT_SCORED, "Burnout: 6 of 10 items unanswered, at least 9 needed", row=9),
            finding(Code.NO_WAVE, "The date could not be read, so this row has no wave.", row=5, column="Date",
                    value="notadate"),
            finding(Code.ITEM_NOT_FOUND, "No column holds ProQOL 5 item 30.", value="30")]
    assert [f.severity for f in made] == ["info", "info", "error", "warning", "warning"]
    report = findings_frame(made, file="x.csv")
    # Errors, then warnings, then information; within each, whole-file findings (no row) first.
    assert report["code"].tolist() == ["not_scored", "item_not_found", "no_wave", "blank_row", "prorated"]
    assert report["row"].tolist()[1] is pd.NA and report["row"].tolist()[2] == 5
    assert report["column"].isna().tolist() == [True, True, False, True, True]


def test_a_code_that_is_not_a_member_is_refused():
    with pytest.raises(ValueError):
        finding("looked_odd", "Something looked odd.")


def test_every_code_carries_its_severity_and_meaning():
    assert {c.severity for c in Code} == {"error", "warning", "info"}
    assert all(c.meaning.endswith(".") and len(c.meaning) > 20 for c in Code)
    assert (Code("not_a_scale").severity, Code.NOT_SCORED.severity) == ("warning", "error")


def test_every_code_the_sample_upload_produces_is_a_member_with_its_severity():
    report = score_file(SAMPLE.read_bytes(), SAMPLE.name).findings
    assert set(report["code"]) == {"personal_data_dropped", "header_rows", "blank_row", "prorated", "not_scored",
                                   "date_order"}
    assert all(Code(code).severity == severity for code, severity in zip(report["code"], report["severity"]))


def test_a_messy_upload_reports_each_code_as_the_enum_says():
    header = ["Name", "Team", "Date", "Safe"] + [f"Q{i}" for i in range(1, 30)]
    rows = [["Ann", "A", "2025-01-03", "Agree"] + ["3"] * 29,
            [""] * 33,
            ["Bob", "B", "notadate", "Agree"] + ["7", "Maybe"] + ["2"] * 27,
            ["Cy", "A", "2025-02-05", "Disagree"] + ["4"] * 10 + [""] * 19]
    data = "\n".join(",".join(r) for r in [header, *rows]).encode()
    survey = score_file(data, "messy.csv")
    report = survey.findings
    assert set(report["code"]) == {"personal_data_dropped", "header_rows", "blank_row", "item_not_found", "off_scale",
                                   "not_an_answer", "no_wave", "prorated", "not_scored", "date_order"}
    assert all(Code(code).severity == severity for code, severity in zip(report["code"], report["severity"]))
    odd = report[report["code"].isin([Code.OFF_SCALE, Code.NOT_AN_ANSWER])]
    assert odd[["row", "column", "value"]].values.tolist() == [[4, "Q1", "7"], [4, "Q2", "Maybe"]]
