"""tiwell's dashboard: ``streamlit run dashboard.py``.

This script owns navigation and the page setup; each page in ``pages/`` only reads the survey
held in session state, calls the core and draws.
"""

import streamlit as st

from ui import signin
from ui.logs import keep_data_out_of_logs
from ui.preload import preload_in_background, skip_direct_run_check
from ui.style import accessible_style
from ui.uploads import keep_uploads_in_memory

skip_direct_run_check()
st.set_page_config(page_title="tiwell: staff wellbeing", page_icon=":material/psychiatry:", layout="wide")
keep_uploads_in_memory()
keep_data_out_of_logs()
accessible_style()
signin.gate()

navigation = st.navigation([
    st.Page("pages/home.py", title="Upload and score", icon=":material/upload_file:", default=True),
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:"),
    st.Page("pages/teams.py", title="Teams", icon=":material/groups:"),
    st.Page("pages/trends.py", title="Trends", icon=":material/trending_up:"),
    st.Page("pages/drivers.py", title="What to act on", icon=":material/target:"),
    st.Page("pages/comments.py", title="In their own words", icon=":material/forum:"),
    st.Page("pages/turnover.py", title="Turnover", icon=":material/logout:"),
    st.Page("pages/cohorts.py", title="Compare cohorts", icon=":material/compare_arrows:"),
    st.Page("pages/actions.py", title="Actions and their effect", icon=":material/checklist:"),
    st.Page("pages/present.py", title="Present", icon=":material/co_present:"),
    st.Page("pages/benchmarks.py", title="Benchmark packs", icon=":material/leaderboard:"),
    st.Page("pages/instruments.py", title="Instruments", icon=":material/menu_book:"),
])
try:
    navigation.run()
finally:  # after the page is drawn (st.stop() included): what the next pages import, while this one is read
    preload_in_background()
