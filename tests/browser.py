"""A real Streamlit server and a real headless Chromium, for the journeys a person takes.

Browser tests skip with a clear reason when no Chromium is installed, and fail instead when
the ``CI`` environment variable is set, so CI can never pass without having looked.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        reason = "no Chromium on this machine (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; CI must run the browser tests")
        pytest.skip(reason)
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(*flags: str, env: dict | None = None, log=subprocess.PIPE, script: Path = ROOT / "dashboard.py"):
    """The dashboard (or another ``script``, with the dashboard's settings) on a free local port;
    ``flags`` are more ``streamlit run`` options, ``env`` adds to the environment, ``log`` takes its stderr."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true", *flags]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, env={**os.environ, **(env or {})})
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).status == 200:
                    break
            except OSError:
                time.sleep(0.3)
        else:
            raise RuntimeError(f"Streamlit did not start: {process.stderr.read1().decode(errors='replace')}"
                               if process.stderr else "Streamlit did not start")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:  # a server whose interpreter is stuck cannot act on the signal
            process.kill()
            process.wait()


def server_pid(url: str) -> int:
    """The process id of the Streamlit server serving ``url``, from /proc."""
    port = url.rsplit(":", 1)[1].encode()
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"streamlit" in b" ".join(command) and port in command:
            return int(proc.name)
    raise AssertionError(f"no Streamlit process serving {url}")


@contextmanager
def browser_page(width: int = 1400, height: int = 1000, bypass_csp: bool = False):
    """A fresh Chromium page; ``bypass_csp`` lets a test add its own script (the accessibility
    checker) to a page whose content policy forbids scripts, as the HTML report's does."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": width, "height": height}, bypass_csp=bypass_csp)
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            yield page, errors
        finally:
            browser.close()


DRAWN = """() => document.querySelector('[data-testid="stApp"]')?.dataset.testScriptState === 'notRunning'
                && !document.querySelector('[data-stale="true"]')"""


def wait_drawn(page, timeout: float = 120_000) -> None:
    """Wait until the app's script has finished its run and nothing of an earlier run is left on
    the page: what a fixed pause only hopes for."""
    page.wait_for_function(DRAWN, timeout=timeout)


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def open_sample(page, server: str) -> None:
    """Start as a new user does: the home page, then the sample in one click."""
    page.goto(server)
    page.get_by_role("button", name="Try the sample data").click()
    page.get_by_text("Respondents").first.wait_for(timeout=60_000)


def choose(page, label: str, option: str) -> None:
    """Pick an option in one of the sidebar's select boxes, and let the page redraw."""
    box = page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').filter(has_text=label)
    box.get_by_role("combobox").click()
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(1000)
