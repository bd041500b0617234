"""Uploads stay in memory.

Streamlit 1.67 parses each upload with Starlette's multipart parser, which holds a file part in
a ``SpooledTemporaryFile`` that moves to the temporary folder once it passes 1 MB; Streamlit has
no setting for this. A survey must never be written to disk, so the spool's threshold is lifted
(0 means "never roll over"). Memory stays bounded: Streamlit refuses a body over
``server.maxUploadSize`` while it streams, before the parser has seen more than that.
"""

from __future__ import annotations

from starlette.formparsers import MultiPartParser


def keep_uploads_in_memory() -> None:
    """Make every later upload's parser keep the file in memory. Safe to call on every rerun."""
    MultiPartParser.spool_max_size = 0
