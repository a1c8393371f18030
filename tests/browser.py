"""Load a generated HTML file in headless Chromium (Debian's, through Playwright), as a person
would open it: returns what the page shows and every console error."""

import os
import shutil
import time
from contextlib import contextmanager

import pytest

CHROMIUM = os.environ.get("RIMOGRAPH_CHROMIUM") or shutil.which("chromium")


def open_page(path, screenshot=None, script=None, viewport=(1600, 1000)):
    """Open ``path`` offline; wait until the map signals it has drawn (body[data-ready]) or the
    page has loaded. Returns a dict: ``status`` (text of #status, if any), ``dom`` (outer HTML
    after scripts ran), ``errors`` (console errors and uncaught exceptions), ``requests`` (URLs
    the page tried to fetch other than itself), ``seconds`` (open to drawn), ``result`` (value of
    ``script`` evaluated in the page, if given). ``viewport``: the window's width and height in
    CSS pixels."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/run installs the Debian package)")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    errors, requests = [], []
    url = path.resolve().as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url) if r.url != url else None)
        start = time.perf_counter()
        page.goto(url)
        if page.query_selector("#network"):
            page.wait_for_selector("body[data-ready=true]", timeout=20000)
        seconds = time.perf_counter() - start
        result = page.evaluate(script) if script else None
        status = page.text_content("#status") if page.query_selector("#status") else ""
        if screenshot:
            page.screenshot(path=str(screenshot))
        dom = page.content()
        browser.close()
    return {"status": status, "dom": dom, "errors": errors, "requests": requests,
            "seconds": seconds, "result": result}


@contextmanager
def live_page(path, viewport=(1366, 768)):
    """``path`` opened in headless Chromium, after the map has drawn (body[data-ready]): a
    Playwright page to click, type and evaluate on; the browser closes afterwards."""
    if not CHROMIUM:
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]})
            page.goto(path.resolve().as_uri())
            page.wait_for_selector("body[data-ready=true]", timeout=20000)
            yield page
        finally:
            browser.close()
