"""The dashboard as a person meets it: a real Streamlit server and a real headless Chromium.

    python benchmarks/bench_browser.py [--quick] [--repeats N]

Figures, each beside its target: the home page interactive on a server just started (cold), beside
a bare Streamlit page measured the same way (what Streamlit and the browser take whatever the app does); the
first visit of every page on the sample (in a session started once the server has finished the
imports its first page set going: a session's first visits, not the server's) and again at 50,000
respondents (and a second visit of the two pages that read the comments); one step of Present; a
50,000-row upload to the scored page; the Excel download of those 50,000 rows; the server memory
one 50,000-row session adds, and what is left of it once the browser has gone and the session has
ended (the server is told to end a disconnected session after 2 s, rather than 120 s, to see it).
A page is interactive when the app says its script has finished (``data-test-script-state``);
each time runs from the click to that moment, as the browser sees it. The upload is split into
its parts as the browser saw them (:func:`upload_split`), and given by the file's path, as a person's
browser reads it (:func:`timed_upload`).
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

from common import Result, csv_bytes, export_rows, main

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from browser import CHROMIUM_FLAGS, chromium_path, server_pid, streamlit_server  # noqa: E402

PAGES = ("Overview", "Teams", "Trends", "What to act on", "In their own words", "Turnover", "Compare cohorts",
         "Actions and their effect", "Present", "Instruments")
AGAIN = ("In their own words", "Present")  # visited a second time at 50,000: what reads the comments
BARE_PAGE = 'import streamlit as st\n\nst.title("Hello")\nst.file_uploader("A file")\n'
SESSION_END = 2  # seconds a disconnected session is kept before the server ends it (the default is 120)
MIB = 2**20
TIMEOUT = 300_000  # ms: a busy machine is slow, not broken

WATCH = """() => {
    if (window.__runs) return;
    window.__runs = [];
    const push = (state) => {
        const last = window.__runs[window.__runs.length - 1];
        if (state && (!last || last[0] !== state)) window.__runs.push([state, performance.now()]);
    };
    new MutationObserver((records) => {
        records.forEach((r) => r.type === 'attributes' && push(r.oldValue));  // a quick run's 'running' too
        const app = document.querySelector('[data-testid="stApp"]');
        push(app && app.getAttribute('data-test-script-state'));
    }).observe(document.body, {attributes: true, attributeOldValue: true, childList: true, subtree: true,
                               attributeFilter: ['data-test-script-state']});
}"""  # the whole document: a page change can draw the app's element anew, and a run on it must still be seen
# Set in the page before the app loads: what the browser receives and does during an upload, on the
# page's clock (performance.now(), ms): each websocket message (its size), each task that held the
# main thread 50 ms or more, the file input's change, and when the found box's "Respondents" shows.
SPLIT_PROBE = """(() => {
    const seen = window.__split = {frames: [], busy: [], change: null, shown: null};
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
        constructor(...args) {
            super(...args);
            this.addEventListener('message', (e) => seen.frames.push([performance.now(), e.data.byteLength]));
        }
    };
    new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.busy.push([e.startTime, e.duration])))
        .observe({type: 'longtask', buffered: true});
    document.addEventListener('change', () => { seen.change ??= performance.now(); }, true);
    new MutationObserver(() => {
        if (seen.shown === null && [...document.querySelectorAll('[data-testid="stMetricLabel"]')]
                .some((label) => label.textContent.trim() === 'Respondents')) seen.shown = performance.now();
    }).observe(document, {childList: true, subtree: true});
})()"""
SPLIT_READ = """(start) => {
    const upload = performance.getEntriesByType('resource')
        .filter((e) => e.name.includes('upload_file') && e.startTime >= start);
    const scripts = performance.getEntriesByType('resource')
        .filter((e) => e.name.endsWith('.js') && e.startTime >= start).map((e) => e.responseEnd);
    return {...window.__split, runs: window.__runs, start, scripts,
            upload: upload.length ? [upload[0].startTime, upload[upload.length - 1].responseEnd] : null};
}"""
FINISHED = """(start) => {
    const runs = window.__runs.filter(([, at]) => at >= start);
    const began = runs.findIndex(([state]) => state === 'running');
    const done = runs.slice(began + 1).find(([state]) => state !== 'running');
    return began >= 0 && done ? done[1] - start : null;
}"""


def idle(page) -> None:
    """Wait until the app's script is not running."""
    page.wait_for_selector('[data-testid="stApp"]:not([data-test-script-state="running"])'
                           ':not([data-test-script-state="initial"])', timeout=TIMEOUT)


def timed(page, action, what: str = "") -> float:
    """Seconds from ``action`` (a click, an upload) to the end of the script run it starts; a wait
    that runs out names ``what`` was being timed."""
    from playwright.sync_api import Error as PlaywrightError

    idle(page)
    page.evaluate(WATCH)
    start = page.evaluate("performance.now()")
    try:
        action()
        handle = page.wait_for_function(FINISHED, arg=start, timeout=TIMEOUT, polling=20)
    except PlaywrightError as exc:
        raise PlaywrightError(f"{what or 'a step'}: {str(exc).splitlines()[0]}") from exc
    return handle.json_value() / 1000


def rss(pid: int) -> int:
    """The server's resident memory now, in bytes."""
    return int(re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text()).group(1)) * 1024


def settle(pid: int, quiet: float = 0.05, window: float = 0.5, limit: float = 60) -> float:
    """Wait until the server has used under ``quiet`` s of CPU for ``window`` s (the imports the first
    page starts in the background are over), at most ``limit`` s; the seconds waited."""
    def cpu() -> float:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    start = time.monotonic()
    while time.monotonic() - start < limit:
        before = cpu()
        time.sleep(window)
        if cpu() - before < quiet:
            break
    return time.monotonic() - start


def visit_pages(page) -> dict[str, float]:
    """The first visit of every page, by its sidebar link, then back to the home page."""
    times = {name: timed(page, lambda n=name: page.get_by_role("link", name=n, exact=True).click(), name)
             for name in PAGES}
    timed(page, lambda: page.get_by_role("link", name="Upload and score").click(), "back to Upload and score")
    return times


def cold_home(browser, url: str) -> float:
    """Seconds from asking for the home page to its upload box, on a server that has served nothing."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    start = time.perf_counter()
    page.goto(url)
    page.locator('input[type="file"]').first.wait_for(state="attached", timeout=TIMEOUT)
    idle(page)
    seconds = time.perf_counter() - start
    page.close()
    return seconds


def bare_page(browser) -> float:
    """:func:`cold_home` for a bare Streamlit page (a title and an upload box) on a server of its
    own with the dashboard's settings: the part of the home page's time that is Streamlit's and the
    browser's (loading the app's scripts, connecting), whatever tiwell does."""
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "bare.py"
        script.write_text(BARE_PAGE, encoding="utf-8")
        with streamlit_server(script=script) as url:
            return cold_home(browser, url)


def sample_session(browser, url: str) -> tuple[dict[str, float], float]:
    """The sample: first visits of every page, and the median of several Next steps in Present."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(TIMEOUT)
    page.goto(url)
    idle(page)
    timed(page, lambda: page.get_by_role("button", name="Try the sample data").click())
    firsts = visit_pages(page)
    timed(page, lambda: page.get_by_role("link", name="Present", exact=True).click())
    steps = sorted(timed(page, lambda: page.get_by_role("button", name="Next").click()) for _ in range(5))
    page.close()
    return firsts, steps[len(steps) // 2]


def upload_split(seen: dict) -> str:
    """Where an upload's seconds went, as the browser saw them (from :data:`SPLIT_PROBE`): the file
    handed to the page (the test driver's part, not a person's), the upload request, the wait for the
    server to start the run, the run until the found box shows and then until it ends, each with what
    the browser received meanwhile and how long its main thread was busy (decoding, drawing)."""
    start, shown, upload = seen["start"], seen["shown"], seen["upload"]
    runs = [(state, at) for state, at in seen["runs"] if upload and at >= upload[0]]
    running = next((at for state, at in runs if state == "running"), None)
    done = next((at for state, at in runs if running and at > running and state != "running"), None)
    missing = [name for name, at in (("file input", seen["change"]), ("upload request", upload), ("run", running),
                                     ("found box", shown), ("end of run", done)) if at is None]
    if missing:
        return "not split, the browser did not see: " + ", ".join(missing)
    return (f"file to page {(seen['change'] - start) / 1000:.2f} s, "
            f"upload request {(upload[1] - upload[0]) / 1000:.2f} s, "
            f"to run start {(running - upload[1]) / 1000:.2f} s, run to found box {(shown - running) / 1000:.2f} s "
            f"({_traffic(seen, running, shown)}), then to the end {(done - shown) / 1000:.2f} s "
            f"({_traffic(seen, shown, done)})")


def _traffic(seen: dict, start: float, end: float) -> str:
    """What the browser received from ``start`` to ``end`` (ms on its clock), its largest message, how
    long its main thread was held by tasks of 50 ms or more, and the scripts of Streamlit's elements it
    fetched (each kind of element's code is loaded the first time one is drawn in a browser; an element
    shows once its code is there, and the found box only after them)."""
    sizes = [size for at, size in seen["frames"] if start <= at <= end]
    busy = sum(min(at + took, end) - max(at, start) for at, took in seen["busy"] if at + took > start and at < end)
    scripts = [at for at in seen["scripts"] if start <= at <= end]
    return (f"{sum(sizes) / MIB:.1f} MiB in {len(sizes)} messages, largest {max(sizes, default=0) / MIB:.1f} MiB; "
            f"main thread busy {busy / 1000:.2f} s; {len(scripts)} element scripts fetched"
            + (f", the last {(end - max(scripts)) / 1000:.2f} s before" if scripts else ""))


def timed_upload(page, export: Path) -> tuple[float, float, str]:
    """Seconds from giving the file input ``export`` to the found box's "Respondents" on screen, and
    to the end of the run; and :func:`upload_split`. The file goes by its path, as a person's browser
    reads it from disk: given as a buffer, Playwright sends it to the page base64-encoded over its
    connection, which took 13 s of a 20 MB file's 19.5 s to the found box (0.3 s by path)."""
    shown, at = [], page.evaluate("performance.now()")

    def upload() -> None:
        start = time.perf_counter()
        page.locator('input[type="file"]').first.set_input_files(export)
        page.get_by_text("Respondents", exact=True).first.wait_for(timeout=TIMEOUT)
        shown.append(time.perf_counter() - start)

    finished = timed(page, upload, "the upload")
    return shown[0], finished, upload_split(page.evaluate(SPLIT_READ, at))


def big_session(browser, url: str, data: bytes, pid: int) -> dict:
    """A 50,000-row upload in a context of its own (a session that ends when it closes)."""
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(SPLIT_PROBE)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    page.goto(url)
    idle(page)
    before = rss(pid)
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "export.csv"
        export.write_bytes(data)
        shown, finished, split = timed_upload(page, export)
    if not page.get_by_text("Respondents").count():
        raise PlaywrightError("no scores: " + " ".join(page.locator('[data-testid="stAlert"]').all_inner_texts()))
    page.get_by_role("tab", name="Scored rows").click()
    start = time.perf_counter()
    with page.expect_download(timeout=TIMEOUT) as download:
        page.get_by_role("button", name="Download Excel").click()
    Path(download.value.path()).stat()
    excel = time.perf_counter() - start
    firsts = visit_pages(page)
    again = {name: timed(page, lambda n=name: page.get_by_role("link", name=n, exact=True).click(), f"{name} again")
             for name in AGAIN}
    held = rss(pid)
    context.close()
    time.sleep(SESSION_END + 1)
    deadline, after = time.monotonic() + 30, rss(pid)
    while time.monotonic() < deadline and after - before > 50 * MIB:
        time.sleep(1)
        after = rss(pid)
    return {"upload": shown, "split": split, "finished": finished, "excel": excel, "firsts": firsts, "again": again,
            "added": held - before, "left": after - before}


def run(scale: float, repeats: int) -> list[Result]:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    rows = int(50_000 * scale)
    data = csv_bytes(export_rows(rows))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        bare = bare_page(browser)
        browser.close()
    with streamlit_server("--server.disconnectedSessionTTL", str(SESSION_END)) as url, \
            sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS)
        home, sample, step = float("nan"), {}, float("nan")
        try:
            home = cold_home(browser, url)
            pid = server_pid(url)
            settle(pid)  # a session's first visits, not the server's: its background imports done
            sample, step = sample_session(browser, url)
            big = big_session(browser, url, data, pid)
        except PlaywrightError as exc:  # the figures so far are still worth printing
            big = {"failed": str(exc).splitlines()[0]}
        finally:
            browser.close()
    return table(home, bare, sample, step, big, rows)


def table(home: float, bare: float, sample: dict, step: float, big: dict, rows: int) -> list[Result]:
    """The figures beside their targets; a part that could not finish says so."""
    results = [Result("browser: home page interactive, cold server", f"{home:.2f} s", "<= 1.5 s",
                      f"a bare Streamlit page: {bare:.2f} s")]
    results += [Result(f"  first visit, sample: {name}", f"{sample[name]:.2f} s", "<= 1 s") for name in sample]
    results += [Result("browser: Present, one Next", f"{step:.2f} s", "<= 0.3 s", "median of 5, sample")]
    if "failed" in big:
        return results + [Result(f"browser: {rows:,} rows", "not finished", "", big["failed"])]
    results += [Result(f"browser: upload {rows:,} rows to scored", f"{big['upload']:.2f} s", "<= 4 s",
                       "to the scores on screen"),
                Result("  where the upload's time went", "", "", big["split"]),
                Result("  and to the page finished", f"{big['finished']:.2f} s", "",
                       "the release for the leaders' pages worked out after the scores are drawn"),
                Result(f"browser: Excel download, {rows:,} rows", f"{big['excel']:.2f} s", "<= 5 s",
                       "click to file saved")]
    results += [Result(f"  first visit, {rows:,} rows: {name}", f"{big['firsts'][name]:.2f} s", "<= 2 s")
                for name in PAGES]
    results += [Result(f"  second visit, {rows:,} rows: {name}", f"{big['again'][name]:.2f} s", "<= 2 s",
                       "after every page once") for name in AGAIN]
    results += [Result(f"server memory added by one {rows:,}-row session", f"{big['added'] / MIB:,.0f} MiB",
                       "<= 300 MB", "RSS after upload, download and every page, less before"),
                Result("  left once the session has ended", f"{big['left'] / MIB:,.0f} MiB", "released",
                       f"browser closed, session ended after {SESSION_END} s")]
    return results


if __name__ == "__main__":
    main(run, __doc__)
