"""Optional sign-in: off without an [auth] secret, a sign-in screen before anything else with
one, and the app as usual (plus a sign-out) once signed in."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

DASHBOARD = str(Path(__file__).resolve().parent.parent / "dashboard.py")
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 32,
        "client_id": "tiwell", "client_secret": "s", "server_metadata_url": "https://id.example.org/.well-known/openid-configuration"}


def app_with(auth: bool, logged_in: bool | None) -> AppTest:
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    if auth:
        app.secrets["auth"] = AUTH
    app.user = {} if logged_in is None else {"is_logged_in": logged_in, "email": "lead@example.org"}
    return app.run()


def buttons(app: AppTest) -> list[str]:
    return [b.label for b in app.button]


def test_without_an_auth_secret_tiwell_opens_as_it_always_has():
    app = app_with(auth=False, logged_in=None)
    assert not app.exception
    assert buttons(app) == ["Try the sample data"]
    assert [b.label for b in app.sidebar.button] == []


def test_with_an_auth_secret_a_stranger_sees_only_the_sign_in_screen():
    app = app_with(auth=True, logged_in=False)
    assert not app.exception
    assert buttons(app) == ["Sign in"]
    assert "sign in with your work account" in app.markdown[0].value
    assert not app.file_uploader and "survey" not in app.session_state


def test_a_signed_in_person_gets_the_app_and_a_sign_out():
    app = app_with(auth=True, logged_in=True)
    assert not app.exception
    assert [b.label for b in app.sidebar.button] == ["Sign out"]
    assert "Try the sample data" in buttons(app) and app.file_uploader[0].label == "Survey export"
    assert all("lead@example.org" not in m.value for m in app.markdown), "who signed in is not shown"


PAGES = sorted((Path(DASHBOARD).parent / "pages").glob("*.py"))


def test_each_page_script_run_on_its_own_gates_itself():
    """Streamlit may run a page script without the dashboard around it (see ui/signin.py)."""
    for path in PAGES:
        app = AppTest.from_file(str(path), default_timeout=60)
        app.secrets["auth"] = AUTH
        app.user = {"is_logged_in": False}
        app.run()
        assert not app.exception, path.name
        assert [b.label for b in app.button] == ["Sign in"], path.name
        assert [t.value for t in app.title] == ["Staff wellbeing survey"], path.name
        assert len(app.main.children) == 3, f"{path.name} shows only the title, the sentence and the button"
