"""Optional sign-in for a shared deployment, with Streamlit's own OpenID Connect (``st.login``).

It is on only when the deployment's secrets hold an ``[auth]`` section (see SECURITY.md); on a
laptop there is no such section and tiwell opens as it always has. Who signed in is never shown
or stored by tiwell: the identity stays in Streamlit's signed cookie.
"""

from __future__ import annotations

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError


def sign_in_required() -> bool:
    """True when the deployment has configured a sign-in provider."""
    try:
        return "auth" in st.secrets
    except (FileNotFoundError, StreamlitSecretNotFoundError):
        return False


def signed_in() -> bool:
    return bool(st.user.get("is_logged_in", False))


def require_sign_in() -> None:
    """The first call of every page script: a stranger gets the sign-in screen and nothing else.

    The dashboard runs it too, but a page cannot rely on that: until some session has run
    ``st.navigation``, Streamlit serves the scripts in ``pages/`` directly at their own URLs
    (its older multipage mode), without the dashboard script around them. Calling it twice in
    one run, once from the dashboard and once from the page, draws nothing twice.
    """
    if not sign_in_required() or signed_in():
        return
    st.title("Staff wellbeing survey")
    st.write("This copy of tiwell is shared by your organisation, so please sign in with your work "
             "account first. Survey files you bring stay in this browser session and are never saved.")
    st.button("Sign in", on_click=st.login, type="primary", icon=":material/login:")
    st.stop()


def gate() -> None:
    """The dashboard's gate: the sign-in screen for a stranger, a way to sign out for everyone else."""
    require_sign_in()
    if sign_in_required():
        st.sidebar.button("Sign out", on_click=st.logout, icon=":material/logout:")
