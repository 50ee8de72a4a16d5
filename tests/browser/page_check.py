"""Opens one HTML file in headless Chromium and reports what a reader's browser would see: every
console error, uncaught exception and network request the page caused, facts read from its DOM
(verdict banner, visible charts, links), the hover tooltip, and a full-page PNG screenshot.

Run alone to check any page by hand:  python3 page_check.py [--chromium PATH] PAGE.html ...
(exit status 1 when a page logs an error or makes a request).
"""

import argparse
import base64
import pathlib
import struct
import sys

from devtools_pipe import Chromium, DevToolsError

VIEWPORT = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
PAGE_TIMEOUT_S = 30.0

# Read after load: plain data, so that the assertions live in Python where they can be read.
# Only what is displayed counts: a chart hidden by the log-scale toggle is not "present".
FACTS_JS = r"""
(() => {
  const shown = el => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const text = el => el ? el.textContent.replace(/\s+/g, " ").trim() : null;
  const banner = document.querySelector("header.verdict");
  const charts = [...document.querySelectorAll("svg[role=img]")].filter(shown).map(svg => {
    const labelledBy = svg.getAttribute("aria-labelledby");
    return {
      id: svg.dataset.chart || null,
      label: text(labelledBy ? document.getElementById(labelledBy) : null),
      width_px: Math.round(svg.getBoundingClientRect().width),
      // Data marks: the lines and areas of a chart, the bars of the timeline strip.
      drawn_marks: [...svg.querySelectorAll(".series path, .bar")]
          .filter(m => m.tagName !== "path" || (m.getAttribute("d") || "").length > 1).length,
      says_no_data: svg.querySelector(".no-data") !== null,
      fault_bands: [...svg.querySelectorAll(".band.fault text")].map(text),
    };
  });
  return {
    title: document.title,
    verdict: text(banner && banner.querySelector(".verdict-word")),
    verdict_class: banner ? banner.className : null,
    heading: text(banner && banner.querySelector("h1")),
    reasons: [...document.querySelectorAll("header.verdict .reasons li")].map(text),
    charts: charts,
    links: [...document.querySelectorAll("a[href]")].map(a => ({href: a.getAttribute("href"), url: a.href, text: text(a)})),
    missing_anchors: [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute("href"))
        .filter(h => !document.getElementById(decodeURIComponent(h.slice(1)))),
    index_rows: document.querySelectorAll("#runs tbody tr").length,
    page_width_px: document.documentElement.scrollWidth,
    viewport_width_px: window.innerWidth,
  };
})()
"""

# Where the first chart with hover data sits, in viewport pixels, after scrolling it into view.
HOVER_TARGET_JS = r"""
(() => {
  const svg = [...document.querySelectorAll("svg.chart-svg[data-plot-left]")]
      .find(s => s.getBoundingClientRect().width > 0);
  if (!svg) return null;
  svg.scrollIntoView({block: "center"});
  const r = svg.getBoundingClientRect();
  return {chart: svg.dataset.chart, x: r.left + r.width / 2, y: r.top + r.height / 2};
})()
"""

TOOLTIP_JS = r"""
(() => { const t = document.querySelector(".tooltip");
         return t && getComputedStyle(t).display !== "none" ? t.textContent : null; })()
"""

SETTLE_JS = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"


class PageCheck:
    """What one page did and showed. `problems` empty means no errors and no network requests."""

    def __init__(self, path):
        self.path = path
        self.url = path.resolve().as_uri()
        self.problems = []
        self.facts = {}
        self.tooltip = None  # the hover tooltip's text over the first chart, when the page has charts
        self.screenshot = None  # path of the PNG written
        self.screenshot_size_px = None  # (width, height) read back from the PNG header


def _evaluate(browser, session, expression):
    result = browser.call("Runtime.evaluate", {"expression": expression, "returnByValue": True, "awaitPromise": True},
                          session, PAGE_TIMEOUT_S)
    if "exceptionDetails" in result:
        raise DevToolsError(f"script run in the page failed: {result['exceptionDetails'].get('text')}")
    return result["result"].get("value")


def _problems_in(events, document_url):
    """Turns the events of a page's session into one line per console error, exception or request."""
    problems = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            words = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            problems.append(f"console.{params['type']}: {words}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            thrown = details.get("exception", {}).get("description") or details.get("text")
            problems.append(f"uncaught exception at line {details.get('lineNumber', 0) + 1}: {thrown}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            problems.append(f"{entry.get('source', 'log')} error: {entry.get('text')}")
        elif method == "Network.requestWillBeSent":
            url = params.get("request", {}).get("url", "")
            # The document itself is the one allowed load; data: URLs are inline bytes, not requests.
            if url != document_url and not url.startswith("data:"):
                problems.append(f"network request: {url}")
        elif method == "Network.webSocketCreated":
            problems.append(f"websocket opened: {params.get('url')}")
    return problems


def _png_size_px(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise DevToolsError("the screenshot is not a PNG")
    return struct.unpack(">II", data[16:24])


def _screenshot(browser, session, check, screenshot_path):
    content = browser.call("Page.getLayoutMetrics", {}, session)["cssContentSize"]
    clip = {"x": 0, "y": 0, "width": content["width"], "height": content["height"], "scale": 1}
    shot = browser.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip},
                        session, PAGE_TIMEOUT_S)
    data = base64.b64decode(shot["data"])
    check.screenshot_size_px = _png_size_px(data)
    screenshot_path.write_bytes(data)
    check.screenshot = screenshot_path


def _hover_first_chart(browser, session, check):
    spot = _evaluate(browser, session, HOVER_TARGET_JS)
    if spot is None:
        return
    browser.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": spot["x"], "y": spot["y"]}, session)
    _evaluate(browser, session, SETTLE_JS)
    check.tooltip = _evaluate(browser, session, TOOLTIP_JS)


def check_page(browser, path, screenshot_path=None):
    """Loads `path` by its file:// URL in a fresh tab, reads it, saves the screenshot (when given
    a path), hovers the first chart (so the inline script runs its interactive path too) and
    closes the tab."""
    check = PageCheck(pathlib.Path(path))
    target_id = browser.call("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.call("Target.attachToTarget", {"targetId": target_id, "flatten": True})["sessionId"]
    try:
        for domain in ("Page", "Runtime", "Log", "Network"):
            browser.call(f"{domain}.enable", {}, session)
        browser.call("Emulation.setDeviceMetricsOverride", VIEWPORT, session)
        # Without a scrollbar the content is exactly the viewport's width, and so is the screenshot.
        browser.call("Emulation.setScrollbarsHidden", {"hidden": True}, session)
        navigation = browser.call("Page.navigate", {"url": check.url}, session, PAGE_TIMEOUT_S)
        if navigation.get("errorText"):
            raise DevToolsError(f"{check.url}: {navigation['errorText']}")
        browser.wait_for_event("Page.loadEventFired", session, PAGE_TIMEOUT_S)
        _evaluate(browser, session, SETTLE_JS)
        check.facts = _evaluate(browser, session, FACTS_JS)
        if screenshot_path is not None:
            _screenshot(browser, session, check, pathlib.Path(screenshot_path))
        _hover_first_chart(browser, session, check)
        check.problems = _problems_in(browser.take_events(session), check.url)
    finally:
        browser.call("Target.closeTarget", {"targetId": target_id})
        browser.take_events(session)
    return check


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("pages", nargs="+", type=pathlib.Path)
    args = parser.parse_args()
    failed = False
    log = pathlib.Path(args.pages[0]).resolve().parent / "chromium.log"
    with Chromium(args.chromium, log) as browser:
        for page in args.pages:
            check = check_page(browser, page, page.with_suffix(".png"))
            for problem in check.problems:
                print(f"FAIL {page}: {problem}")
            failed = failed or bool(check.problems)
            print(f"{page}: {len(check.problems)} problem(s), {len(check.facts['charts'])} chart(s) shown, "
                  f"screenshot {check.screenshot}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
