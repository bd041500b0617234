"""No server log line carries data.

Streamlit logs every exception a page script does not catch with its full message, and a message
can quote the data (openpyxl's refusal of a control character quoted the whole comment). The
filter here keeps the log line useful to whoever runs the server, the exception's type and where
it was raised, and drops the message.
"""

from __future__ import annotations

import logging
import traceback

UNCAUGHT = "streamlit.error_util"  # the logger of "Uncaught app execution"


class WithoutMessages(logging.Filter):
    """Rewrites a record that carries an exception: its type and innermost frame, no message."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            frames = traceback.extract_tb(error.__traceback__)
            where = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
            record.msg, record.args = f"{record.getMessage()}: {type(error).__name__}{where}", ()
            record.exc_info, record.exc_text = None, None
        return True


def keep_data_out_of_logs() -> None:
    """Install the filter once; safe to call on every rerun."""
    logger = logging.getLogger(UNCAUGHT)
    if not any(isinstance(f, WithoutMessages) for f in logger.filters):
        logger.addFilter(WithoutMessages())
