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


def gate() -> None:
    """Let a signed-in person through (with a way to sign out); otherwise a calm sign-in screen."""
    if not sign_in_required():
        return
    if signed_in():
        st.sidebar.button("Sign out", on_click=st.logout, icon=":material/logout:")
        return
    st.title("Staff wellbeing survey")
    st.write("This copy of tiwell is shared by your organisation, so please sign in with your work "
             "account first. Survey files you bring stay in this browser session and are never saved.")
    st.button("Sign in", on_click=st.login, type="primary", icon=":material/login:")
    st.stop()
