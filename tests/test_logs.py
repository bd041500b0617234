"""The server log: an uncaught exception is logged by its type and place, never its message,
which may quote a cell of the upload."""

import io
import logging

from streamlit import error_util

from ui.logs import UNCAUGHT, WithoutMessages, keep_data_out_of_logs


def test_an_uncaught_exception_is_logged_without_its_message():
    keep_data_out_of_logs()
    keep_data_out_of_logs()
    logger, stream = logging.getLogger(UNCAUGHT), io.StringIO()
    handler = logging.StreamHandler(stream)
    logger.addHandler(handler)
    try:
        try:
            raise ValueError("Jane Smith 07700 900123 cannot be used in worksheets.")
        except ValueError as exc:
            error_util._log_uncaught_app_exception(exc)
    finally:
        logger.removeHandler(handler)
    line = stream.getvalue()
    assert line.startswith("Uncaught app execution: ValueError at ") and "test_logs.py:" in line
    assert "Jane" not in line and "07700" not in line
    assert sum(isinstance(f, WithoutMessages) for f in logger.filters) == 1, "installed once"
