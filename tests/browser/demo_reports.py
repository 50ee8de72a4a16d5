"""browser.demo_reports: real faultline reports rendered in real headless Chromium (issue 6).

Makes a short real run (latency-demo.json: kvstore behind the proxy with a latency fault) with
`faultline run --html` and `faultline report --index`, then opens the report and the index by
file:// URL and fails on: any console error, uncaught exception or network request; a verdict
banner that does not say what result.json says; a chart missing, shown twice or empty; a link that
leads nowhere; a hover tooltip that does not appear. Screenshots are saved beside the pages.
Last, it proves that it can fail: copies of the report with a thrown exception and with an http
image must each be caught.
"""

import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import urllib.parse

from devtools_pipe import Chromium
from page_check import VIEWPORT, check_page

RUN_TIMEOUT_S = 60  # the scenario lasts 6 s; start-up and writing the result take well under a second

# How the report names each chart (aria-labelledby title), given what result.json holds.
STRIP_LABEL = "Timeline of the run: load, faults and target events"
THROUGHPUT_LABEL = "Throughput per load generator over time"
DISTRIBUTION_LABEL = "Latency percentile curve per load generator"
RESOURCE_TITLES = {"rss_bytes": "Memory (RSS)", "threads": "Threads", "fds": "Open file descriptors",
                   "goroutines": "Goroutines", "cpu": "CPU"}
LOG_SUFFIX = " (log scale)"  # the log-scale variant of a chart carries the same title plus this


def expected_chart_labels(result):
    """Every chart the report of `result` must show, once each (linear or log variant)."""
    labels = [STRIP_LABEL, THROUGHPUT_LABEL, DISTRIBUTION_LABEL]
    for name, generator in result["load"].items():
        labels.append(f"Latency percentiles for {name}")
        if any(row.get("errors") for row in generator.get("series", [])):
            labels.append(f"Errors by class for {name}")
    resources = {key for row in result["target"].get("series", []) for key, value in row.items()
                 if key != "t" and isinstance(value, (int, float)) and not isinstance(value, bool)}
    labels += [f"{RESOURCE_TITLES.get(r, r)} of the target" for r in resources]
    return sorted(labels)


def report_failures(check, result):
    failures = list(check.problems)
    facts = check.facts
    name, verdict = result["scenario"]["name"], result["verdict"]
    if facts["verdict"] != verdict or f"verdict-{verdict}" not in (facts["verdict_class"] or "").split():
        failures.append(f"verdict banner says {facts['verdict']!r} ({facts['verdict_class']}), result.json says {verdict!r}")
    if facts["heading"] != name or not facts["title"].startswith(f"{verdict}: {name}"):
        failures.append(f"banner heading {facts['heading']!r} / title {facts['title']!r} do not name {name!r}")
    if (verdict == "pass") != (not facts["reasons"]):
        failures.append(f"verdict {verdict} with reasons {facts['reasons']}")
    shown = sorted(c["label"].removesuffix(LOG_SUFFIX) for c in facts["charts"] if c["label"])
    if shown != expected_chart_labels(result):
        failures.append(f"charts shown {shown}, expected {expected_chart_labels(result)}")
    fault_bands = [f"#{i + 1} {fault['kind']}" for i, fault in enumerate(result["faults"])]
    for chart in facts["charts"]:
        if chart["label"] is None:
            failures.append(f"chart {chart['id']} has no accessible title")
        if chart["says_no_data"] or chart["drawn_marks"] == 0:
            failures.append(f"chart {chart['label']!r} draws no data")
        if chart["width_px"] < VIEWPORT["width"] // 2:
            failures.append(f"chart {chart['label']!r} is squeezed to {chart['width_px']} px")
        # Every chart on the run's time axis shades every fault window, labelled by its number.
        if chart["id"] and not chart["id"].startswith("chart-distribution"):
            if [b for b in fault_bands if not any(s.startswith(b) for s in chart["fault_bands"])]:
                failures.append(f"chart {chart['label']!r} shades {chart['fault_bands']}, expected {fault_bands}")
    if facts["missing_anchors"]:
        failures.append(f"links to sections that do not exist: {facts['missing_anchors']}")
    if not check.tooltip or "t = " not in check.tooltip:
        failures.append(f"hovering the first chart shows tooltip {check.tooltip!r}")
    return failures + page_failures(check)


def index_failures(check, report_path):
    failures = list(check.problems)
    facts = check.facts
    # run() let only a passing run through, so the index has one row and one pass.
    if facts["verdict"] != "1/1" or facts["index_rows"] != 1:
        failures.append(f"index says {facts['verdict']!r} with {facts['index_rows']} row(s) for the one passing run")
    if report_path.resolve().as_uri() not in [link["url"] for link in facts["links"]]:
        failures.append(f"index does not link {report_path}: {facts['links']}")
    return failures + page_failures(check)


def page_failures(check):
    """What every page must do: links that resolve to files, no sideways scrolling, a screenshot."""
    failures = []
    for link in check.facts["links"]:
        url = urllib.parse.urlparse(link["url"])
        if url.scheme != "file":
            failures.append(f"link {link['href']!r} leaves the file system")
        elif not pathlib.Path(urllib.parse.unquote(url.path)).is_file():
            failures.append(f"link {link['href']!r} leads to no file")
    if check.facts["page_width_px"] > check.facts["viewport_width_px"]:
        failures.append(f"page is {check.facts['page_width_px']} px wide in a {check.facts['viewport_width_px']} px window")
    width_px, height_px = check.screenshot_size_px
    if width_px != VIEWPORT["width"] or height_px < 300:
        failures.append(f"screenshot is {width_px}x{height_px} px")
    return failures


def broken_copy_failures(browser, report_path, out_dir):
    """The checks must catch a page that throws and a page that fetches: copies of the report."""
    html = report_path.read_text()
    injections = {"throws.html": ("<script>throw 1</script>", "uncaught exception"),
                  "fetches.html": ('<img src="http://127.0.0.1:9/x">', "http://127.0.0.1:9/x")}
    failures = []
    for file_name, (snippet, must_report) in injections.items():
        page = out_dir / file_name
        page.write_text(html.replace("<main>", "<main>" + snippet, 1))
        check = check_page(browser, page)
        if not any(must_report in problem for problem in check.problems):
            failures.append(f"the check missed {snippet} in {page}: it found {check.problems}")
    return failures


def run(command, env=None):
    completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    if completed.returncode != 0:
        sys.exit(f"FAIL: {' '.join(map(str, command))} exited {completed.returncode}\n{completed.stdout}{completed.stderr}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faultline", required=True, help="the faultline binary")
    parser.add_argument("--targets", required=True, help="the folder holding the kvstore binary")
    parser.add_argument("--out", required=True, type=pathlib.Path, help="folder for runs, pages and screenshots")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    if not os.access(args.chromium, os.X_OK):
        sys.exit(f"FAIL: chromium not found at {args.chromium}; install it with: scripts/install-deps.sh chromium")

    scenario = pathlib.Path(__file__).resolve().parent / "latency-demo.json"
    runs_dir = args.out / "runs"
    run_dir = runs_dir / "browser-latency-demo"
    shutil.rmtree(args.out, ignore_errors=True)
    runs_dir.mkdir(parents=True)
    run_page, report, index = run_dir / "run.html", run_dir / "report.html", runs_dir / "index.html"
    run([args.faultline, "run", scenario, "--out", run_dir, "--html", run_page], env={**os.environ, "FAULTLINE_TARGETS": args.targets})
    run([args.faultline, "report", "--index", runs_dir])
    result = json.loads((run_dir / "result.json").read_text())

    failures = []
    # A report is drawn from result.json alone, so the page checked below (the index's) is also
    # what `run --html` wrote.
    if run_page.read_bytes() != report.read_bytes():
        failures.append(f"{run_page} (run --html) and {report} (report --index) differ for the same result")
    with Chromium(args.chromium, args.out / "chromium.log") as browser:
        report_check = check_page(browser, report, report.with_suffix(".png"))
        failures += [f"{report}: {f}" for f in report_failures(report_check, result)]
        index_check = check_page(browser, index, index.with_suffix(".png"))
        failures += [f"{index}: {f}" for f in index_failures(index_check, report)]
        failures += broken_copy_failures(browser, report, args.out)
    for check in (report_check, index_check):
        print(f"screenshot: {check.screenshot} ({check.screenshot_size_px[0]}x{check.screenshot_size_px[1]} px), "
              f"{len(check.facts['charts'])} chart(s) shown")
    for failure in failures:
        print(f"FAIL: {failure}")
    if failures:
        print(f"chromium's own log: {args.out / 'chromium.log'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
