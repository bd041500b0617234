"""Sign-in on a real, freshly started server: every page's own URL, opened signed out, shows the
sign-in screen and nothing of the page, both before any session has run the dashboard script
(when Streamlit still serves ``pages/`` on its own) and after."""

from pathlib import Path

import pytest

from browser import ROOT, browser_page, chromium_path, streamlit_server, wait_drawn

pytestmark = pytest.mark.browser
PAGES = sorted(path.stem for path in (ROOT / "pages").glob("*.py"))
SIGN_IN_SCREEN = ("Staff wellbeing survey\n\nThis copy of tiwell is shared by your organisation, so please sign in "
                  "with your work account first. Survey files you bring stay in this browser session and are never "
                  "saved.\n\nlogin\n\nSign in")  # the button's icon reads as its name


@pytest.fixture(scope="module")
def signed_out_server(tmp_path_factory):
    """A fresh server whose secrets (a temporary file, never the project's) name a sign-in provider."""
    chromium_path()
    secrets = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets.write_text('[auth]\nredirect_uri = "http://127.0.0.1:1/oauth2callback"\ncookie_secret = "' + "x" * 32
                       + '"\nclient_id = "tiwell"\nclient_secret = "s"\n'
                       'server_metadata_url = "http://127.0.0.1:1/.well-known/openid-configuration"\n')
    with streamlit_server("--secrets.files", str(secrets)) as url:
        yield url


def main_text(page, url: str) -> str:
    """What the main area shows at ``url`` once the app's run has ended (anything a page drew
    after the sign-in screen would be there by then)."""
    page.goto(url)
    page.get_by_role("button", name="Sign in").wait_for(timeout=30_000)
    wait_drawn(page, timeout=30_000)
    return page.locator('[data-testid="stMain"]').inner_text().strip()


def test_every_page_url_shows_only_the_sign_in_screen(signed_out_server):
    with browser_page() as (page, errors):
        before = {name: main_text(page, f"{signed_out_server}/{name}") for name in PAGES}
        after = {name: main_text(page, f"{signed_out_server}/{name}") for name in ["", *PAGES, "no-such-page"]}
        assert before == dict.fromkeys(PAGES, SIGN_IN_SCREEN), "first requests after start, no dashboard run yet"
        assert after == dict.fromkeys(["", *PAGES, "no-such-page"], SIGN_IN_SCREEN), "after the dashboard has run"
        assert page.locator('[data-testid="stFileUploader"]').count() == 0
        assert errors == []
