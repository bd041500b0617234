"""Streamlit glue shared by the pages: cached calls into the core and small display helpers."""
