#!/usr/bin/env python3
"""Proves that scenarios/schema.json accepts exactly the scenario files that the C++ parser
(`faultline validate`) accepts.

Checks, each reported on one line:
  1. the schema is a valid draft 2020-12 schema, and every property has a title and a
     description (editors show them as hover docs) and every object closes its properties;
  2. every scenarios/*.json and tests/data/scenarios/valid/*.json is accepted by both;
  3. every tests/data/scenarios/invalid/*.json is rejected by both, except the files in
     SCHEMA_CANNOT_EXPRESS, which break a rule no JSON Schema can state (the schema's
     top-level description lists those rules);
  4. probes: small variations of one scenario that pin the edges of each pattern and bound
     (durations, addresses, names, templates, ...), which the corpus does not reach.

Usage: check_schema.py --faultline PATH/TO/faultline --root PATH/TO/SOURCE
"""
import argparse
import copy
import json
import pathlib
import subprocess
import sys
import tempfile

from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

# Invalid corpus files that the schema is allowed to accept, with the rule they break.
SCHEMA_CANNOT_EXPRESS = {
    "duplicate_generator_name.json": "generator names must be unique across load (compares array elements)",
    "duplicate_header_ignoring_case.json": "header names must be unique ignoring case (compares keys)",
    "duplicate_key.json": "a key given twice; a JSON Schema sees only one of the values",
    "observe_interval_longer_than_run.json": "observe.interval <= duration (compares two fields)",
    "ready_interval_above_timeout.json": "ready.interval <= ready.timeout, 10s by default (compares two fields)",
    "stage_ramp_longer_than_stage.json": "a stage's ramp <= its for (compares two durations)",
    "stages_do_not_cover_for.json": "stages add up to the generator's for (sums durations)",
    "stages_do_not_cover_run.json": "stages add up to duration minus start (sums durations)",
    "start_at_end_of_run.json": "start < duration (compares two fields)",
    "threads_above_connections.json": "threads <= connections, 16 by default (compares two fields)",
    "warmup_not_shorter_than_run.json": "phases.warmup < duration (compares two fields)",
    "window_past_end_of_run.json": "start + for <= duration (adds durations)",
    "expect_unknown_generator.json": "(17) a load metric names a generator of load (compares with array elements)",
    "expect_fault_out_of_range.json": "(17) \"during fault N\" names one of the faults (counts array elements)",
    "expect_recovery_without_faults.json": "(17) recovery metrics need a fault (looks at another field)",
    "expect_goroutines_without_prometheus.json": "(17) goroutines need observe.prometheus (looks at another field)",
    "expect_logs_of_attached_target.json": "(17) logs metrics need a spawned target (looks at another field)",
    "abort_longer_than_run.json": "(18) an abort condition's for <= duration (compares two fields)",
}

PARSER_ACCEPTS = 0
PARSER_REJECTS = 2  # usage or scenario error (DESIGN.md, exit codes)
# Files per `faultline validate` call. The test command runs faultline under AddressSanitizer,
# whose start-up costs about 0.25 s a process: one call per file made this test take minutes.
FILES_PER_CALL = 200


# --- reading scenario files the way the parser does --------------------------------------------

def strip_comments(text):
    """Blanks out // and /* */ comments outside strings, keeping line breaks (nlohmann's
    ignore_comments). Anything malformed is left for json.loads to reject."""
    out = []
    i, n = 0, len(text)
    in_string = False
    while i < n:
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\" and i + 1 < n:
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end == -1 else end
            out.append(" " * (end - i))
            i = end
            continue
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end == -1 else end + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:end]))
            i = end
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def reject_constant(name):
    raise ValueError(f"{name} is not JSON")


def load_scenario(data):
    """The document as a JSON Schema sees it; raises ValueError when the bytes are not JSON.
    Like nlohmann: UTF-8 with an optional byte order mark, no NaN or Infinity."""
    text = data.decode("utf-8-sig")
    return json.loads(strip_comments(text), parse_constant=reject_constant)


# --- the two judges ----------------------------------------------------------------------------

class Verdict:
    def __init__(self, accepted, detail):
        self.accepted = accepted
        self.detail = detail


def schema_verdict(validator, data):
    try:
        document = load_scenario(data)
    except (ValueError, RecursionError) as error:
        return Verdict(False, f"not JSON ({error})")
    error = best_match(validator.iter_errors(document))
    if error is None:
        return Verdict(True, "schema accepts")
    where = "/" + "/".join(str(p) for p in error.absolute_path)
    message = error.message if len(error.message) <= 100 else error.message[:97] + "..."
    return Verdict(False, f"schema rejects at {where}: {message}")


def parser_verdict(faultline, path):
    """accepted is None when faultline neither accepted nor rejected the file (it crashed)."""
    try:
        result = subprocess.run([faultline, "validate", str(path)], capture_output=True,
                                text=True, timeout=30)
    except subprocess.TimeoutExpired:
        return Verdict(None, "faultline validate hung")
    if result.returncode == PARSER_ACCEPTS:
        return Verdict(True, "parser accepts")
    if result.returncode == PARSER_REJECTS:
        return Verdict(False, "parser rejects")
    return Verdict(None, f"faultline validate exited {result.returncode}: {result.stderr.strip()}")


def batch_verdicts(faultline, paths):
    """The parser's verdicts on `paths` from one `faultline validate` call, or None when the call
    does not account for every file: it crashed or hung, or a file is neither accepted on stdout
    ("PATH: ok (...)") nor named by an error on stderr (harness/cli/validate_command.cc)."""
    try:
        result = subprocess.run([faultline, "validate", *map(str, paths)], capture_output=True,
                                text=True, errors="replace", timeout=30 + len(paths))
    except subprocess.TimeoutExpired:
        return None
    if result.returncode not in (PARSER_ACCEPTS, PARSER_REJECTS):
        return None
    accepted = {line.partition(": ok (")[0] for line in result.stdout.splitlines()
                if ": ok (" in line}
    errors = result.stderr.splitlines()
    verdicts = []
    for path in map(str, paths):
        rejected = any(line.startswith(path + ":") for line in errors)
        if (path in accepted) == rejected:
            return None
        verdicts.append(Verdict(False, "parser rejects") if rejected else
                        Verdict(True, "parser accepts"))
    if (result.returncode == PARSER_ACCEPTS) != all(v.accepted for v in verdicts):
        return None
    return verdicts


def parser_verdicts(faultline, paths):
    """The parser's verdict on each of `paths`, in order, from one call per FILES_PER_CALL files.
    A batch whose call does not account for every file is judged again one file at a time, so
    a crash or a hang is pinned on the file that causes it."""
    verdicts = []
    for start in range(0, len(paths), FILES_PER_CALL):
        batch = paths[start:start + FILES_PER_CALL]
        verdicts += batch_verdicts(faultline, batch) or [parser_verdict(faultline, p) for p in batch]
    return verdicts


# --- the schema itself -------------------------------------------------------------------------

def documentation_of(schema, node):
    """The schema that documents a property: itself, or the definition that a bare $ref names."""
    ref = node.get("$ref", "")
    if set(node) == {"$ref"} and ref.startswith("#/$defs/"):
        return schema["$defs"][ref[len("#/$defs/"):]]
    return node


def is_closed(node):
    """Unknown fields are rejected: by additionalProperties, by unevaluatedProperties, or (for a
    oneOf by kind, like a fault) by unevaluatedProperties in every branch."""
    if "additionalProperties" in node or "unevaluatedProperties" in node:
        return True
    branches = node.get("oneOf", [])
    return bool(branches) and all(isinstance(b, dict) and b.get("unevaluatedProperties") is False for b in branches)


def schema_problems(schema, node=None, where="#"):
    """Properties without a title or description, objects that leave their properties open."""
    node = schema if node is None else node
    problems = []
    if not isinstance(node, dict):
        return problems
    if node.get("type") == "object" and not is_closed(node):
        problems.append(f"{where}: an object without additionalProperties")
    for name, sub in node.get("properties", {}).items():
        if sub is False:
            continue  # a field forbidden in one branch; documented where it is defined
        documented = documentation_of(schema, sub)
        for key in ("title", "description"):
            if key not in documented:
                problems.append(f"{where}/properties/{name}: no {key}")
    for key, sub in node.items():
        if key == "if":
            continue  # a condition, not a definition: its properties need no docs
        if isinstance(sub, dict):
            problems += schema_problems(schema, sub, f"{where}/{key}")
        elif isinstance(sub, list):
            for i, item in enumerate(sub):
                problems += schema_problems(schema, item, f"{where}/{key}/{i}")
    return problems


# --- probes ------------------------------------------------------------------------------------

class Raw:
    """A value written into the probe file as this exact JSON text (16.0, 1e999)."""
    def __init__(self, text):
        self.text = text

    def __repr__(self):
        return self.text


ATTACH = {
    "name": "probe", "duration": "10s", "target": {"address": "127.0.0.1:8080"},
    "load": [{"name": "api", "kind": "http", "model": "closed", "requests": [{"path": "/"}]}],
}
SPAWN = {**ATTACH, "target": {"command": ["./server"]}}
LIMITED = {**SPAWN, "target": {"command": ["./server"],
                              "limits": {"memory": "1MiB", "cpu": 1, "open_files": 64}}}
OBSERVED = {**ATTACH, "observe": {"prometheus": "/metrics", "logs": True}}
PHASED = {**ATTACH, "phases": {"warmup": "1s", "baseline_window": "1s", "settle": "1s",
                               "recovery_window": "1s"}}
SIGNALLED = {**SPAWN, "faults": [{"kind": "signal", "at": "1s", "signal": "TERM"}]}
ATTACH_PID = {**ATTACH, "target": {"address": "127.0.0.1:8080", "pid": 1}}
OPEN = {**ATTACH, "load": [{"name": "api", "kind": "http", "model": "open",
                            "stages": [{"for": "10s", "rate": 1}], "requests": [{"path": "/"}]}]}

EXPECTING = {**SPAWN, "observe": {"prometheus": "/metrics"},
             "faults": [{"kind": "kill", "at": "5s"}, {"kind": "kill", "at": "7s"}], "expect": ["x"]}
ABORTING = {**SPAWN, "abort": ["x"]}
BASELINED = {**SPAWN, "faults": [{"kind": "kill", "at": "5s"}], "baseline": {}}

# (base, JSON pointer, values). Each value must get the same verdict from both judges unless it
# is in PARSER_ONLY.
PROBES = [
    (ATTACH, "/load/0/timeout", ["1s", "250ms", "1.5h", "1m30s", "1m.5s", ".5s", "1.s", "1ns",
                                 "1us", "2h45m30.5s", "1s1s", "00001ms", "2562047h47m16.854775807s",
                                 "0s", "0.0ms", "", "1", "s", ".s", "1.5.5s", "1 s", " 1s", "1s ",
                                 "-1s", "+1s", "1S", "1sec", "1\u00b5s", "1e3s", "1s\n", "1h-1m",
                                 Raw("2"), "2562047h47m16.854775808s", "0.1ns"]),
    (SPAWN, "/target/stop_grace", ["0s", "0", "0.000ns", "3s", "5m0s", "1d"]),
    (ATTACH, "/name", ["a", "A.b_c-9", "..", "", "a b", "a/b", "caf\u00e9", "a\n", Raw("1")]),
    (ATTACH, "/target/address", [
        "127.0.0.1:1", "localhost:65535", "my_host.example-1:8080", "h:080", "h:000000080",
        "[::1]:80", "[fe80::1%eth0]:80", "[::ffff:1.2.3.4]:80", "[1:2:3:4:5:6:7:8]:80",
        "h:65536", "h:0", "h:00", "h:0000000080", "h:99999999999", "h:", "h", ":80", "h:8a",
        "h:+80", "h: 80", "h:80\n", "[fe80::1%]:80", "[::1%a%b]:80", "[1.2.3.4]:80", "[::g]:80",
        "[::1]", "::1:80", "[::1]:80:80", "h/x:80", "[]:80"]),
    (ATTACH, "/load/0/requests/0/method", ["GET", "PROPFIND", "get", "Get", "M-SEARCH", "G1",
                                           "", "GET\n"]),
    (ATTACH, "/load/0/headers", [{"X-A": "1"}, {"!#$%&'*+-.^_`|~09az": "1"}, {"X A": "1"},
                                 {"": "1"}, {"X:Y": "1"}, {"X-\u00e9": "1"}, {"X\n": "1"},
                                 {"Content-Length": "1"}, {"content-LENGTH": "1"},
                                 {"Transfer-Encoding": "chunked"}, {"Content-Lengths": "1"}]),
    (ATTACH, "/load/0/headers", [{"X": "a\tb"}, {"X": ""}, {"X": "caf\u00e9 \u0085"},
                                 {"X": "a\nb"}, {"X": "a\rb"}, {"X": "a\u007fb"},
                                 {"X": "a\u0000"}, {"X": "a\n"}, {"X": "v{seq}"}, {"X": "v{sq}"},
                                 {"X": "a\r\n{sq}"}]),
    (ATTACH, "/load/0/requests/0/path", [
        "/", "/kv/{seq}/{rand:7}", "/{rand:007}", "/{1}", "/{", "/{}", "/{{seq}}", "/a}b",
        "/{seq}{seq}", "/?q=%20&r=~", "/{rand:18446744073709551615}", "", "a", "/a b",
        "/caf\u00e9", "/a\n", "/a\t", "/{rand:0}", "/{rand:-1}", "/{rand}", "/{rand:}",
        "/{rand:1x}", "/{rand:1:2}", "/{x", "/{seq", "/{Seq}", "/{seq }", "/{rand-1:2}",
        "/{rand:18446744073709551616}"]),
    (ATTACH, "/load/0/requests/0/body", ["", "{\"a\": {seq}}", "{ \"b\": [1, {}] }", "line\n",
                                         "\u0000{", "{a}", "{seq", "{rand:0}"]),
    (ATTACH, "/load/0/requests/0/body", [
        "{pad:1}", "v{seq}-{pad:16384}", "{pad:007}", "{pad:9999999}", "{pad:10000000}",
        "{pad:15999999}", "{pad:16699999}", "{pad:16769999}", "{pad:16776999}", "{pad:16777199}",
        "{pad:16777209}", "{pad:16777216}", "{pad:0016777216}", "{pad:16777217}", "{pad:16777220}",
        "{pad:16777300}", "{pad:16778000}", "{pad:16780000}", "{pad:16800000}", "{pad:17000000}",
        "{pad:20000000}", "{pad:99999999}", "{pad:100000000}", "{pad:0}", "{pad:000}", "{pad:}",
        "{pad}", "{pad:-1}", "{pad:+1}", "{pad:1k}", "{pad:0x10}", "{pad:1:2}", "{pad:1",
        "{pad: 1}", "{Pad:1}", "{pda:1}"]),
    (ATTACH, "/load/0/requests/0/path", ["/kv/{pad:3}", "/{pad:0}", "/{pad:16777217}"]),
    (ATTACH, "/load/0/headers", [{"X-Pad": "{pad:2}"}, {"X-Pad": "{pad:0}"}]),
    (ATTACH, "/load/0/keepalive", [Raw("true"), Raw("false"), Raw("\"false\""), Raw("0"),
                                   Raw("null"), Raw("[]")]),
    (OPEN, "/load/0/keepalive", [Raw("false")]),
    (EXPECTING, "/expect/0", [
        "load.api.p99 < 250ms", "load.api.p50<1m30s during steady", "\tload.api.max>=.5s\tafter\trecovery ",
        "load.api.p999 != 1.s during fault 2", "load.api.p99 < 5ms during fault 01", "load.api.p99 < 0s",
        "load.api.error_rate < 1%", "load.api.error_rate <= .5% after recovery", "load.api.error_rate == 100.%",
        "load.api.throughput > 100 during steady", "load.api.requests >= -1", "load.api.errors == +.5",
        "target.threads_peak < 10 during fault 1", "target.fds_peak < 1.", "target.rss_peak < 1.5GiB after recovery",
        "target.rss_peak <= 0B", "recovery.time_to_recover < 5s", "recovery.time_to_recover < 1h during fault 2",
        "recovery.availability >= 99.9%", "recovery.availability > 1% during fault 1", "target.threads_leaked == 0",
        "target.fds_leaked <= 4", "target.goroutines_leaked < 10", "target.rss_leaked < 16MiB", "target.rss_leaked < 1kB",
        "logs.data_races == 0", "logs.reports == 0", "target.oom_kills == 0", "target.crashes == 0",
        "target.restarts <= 3",
        "load.api.p99 < 5%", "load.api.p99 < 250", "load.api.p99 < -1ms", "load.api.p99 < 1 ms",
        "load.api.p99 < 250ms during fault 0", "load.api.p99 < 250ms during fault", "load.api.p99 < 250ms during",
        "load.api.p99 < 250ms after recovery please", "load.api.p99 < 250ms during warmup", "load.api.p99 = 1ms",
        "load.api.p99 =< 1ms", "load.api.p99 << 1ms", "load.api.p99", "load.api.p99 <", "< 1ms", "", " ",
        "load.api.p95 < 1ms", "load.api.P99 < 1ms", "load.api.p99x < 1ms", "load.p99 < 1ms", "load..p99 < 1ms",
        "load.api.p99 < 1msduring steady", "load.api.p99 < 1ms\n", "load.api.p99 < 1ms for 15s",
        "load.api.error_rate < 0.01", "load.api.error_rate < -1%", "load.api.error_rate < 1 %",
        "load.api.throughput > 1%", "load.api.requests > 1e3", "load.api.errors > 1.2.3",
        "target.rss_peak < 100", "target.rss_peak < 1mib", "target.threads_peak < 1s",
        "recovery.time_to_recover < 5", "recovery.time_to_recover < 5s during steady",
        "recovery.time_to_recover < 5s after recovery", "recovery.availability > 0.5",
        "target.threads_leaked == 0 during steady", "target.threads_leaked == 0 during fault 1",
        "target.threads_leaked == 0s", "target.rss_leaked < 16", "logs.data_races == 0 after recovery",
        "logs.races == 0", "target.thread_leaked == 0", "recovery.time_to_recovery < 5s",
        Raw("5"), Raw("null"), ["load.api.p99 < 1ms"]]),
    (EXPECTING, "/expect", [Raw("[]"), "load.api.p99 < 1ms", Raw("null")]),
    (ABORTING, "/abort/0", [
        "load.api.error_rate > 90% for 5s", "load.api.p99 >= 2s for 1s", "load.api.p50<1ms for 1ms",
        " load.api.max > 1.5s for 9.5s ", "load.api.p999 != 1m for .5s", "load.api.throughput < 10 for 10s",
        "load.api.requests > +5 for 1s", "load.api.errors > -1 for 1s", "target.threads_peak > 500 for 1s",
        "target.fds_peak >= 1000 for 2s", "target.rss_peak > 200MiB for 2s", "target.rss_peak > 1.5GiB\tfor\t2s",
        "load.api.error_rate > 90%", "load.api.error_rate > 90% for 0s", "load.api.error_rate > 90% for 0",
        "load.api.error_rate > 90% for", "load.api.error_rate > 90% for 15", "load.api.error_rate > 90% for 0.0ms",
        "load.api.error_rate > 90% for 0.1ns", "load.api.error_rate > 90% for 11s",
        "load.api.error_rate > 90% for 1s during steady", "load.api.error_rate > 90% during steady for 1s",
        "load.api.error_rate > 90% for 1s for 1s", "load.api.error_rate > 90%for 1s", "load.api.error_rate > 90% for1s",
        "load.api.error_rate > 90% for -1s", "load.api.error_rate > 90% for 1s\n", "load.api.eror_rate > 90% for 1s",
        "load.p99 > 1s for 1s", "load..p99 > 1s for 1s", "load.web.p99 > 1s for 1s", "target.threads_leaked > 1 for 1s",
        "recovery.time_to_recover > 1s for 1s", "logs.data_races > 0 for 1s", "target.crashes > 0 for 1s",
        "recovery.availability < 50% for 1s", "load.api.error_rate > 0.9 for 1s", "load.api.p99 > 250 for 1s",
        "target.rss_peak > 100 for 1s", "target.threads_peak > 1s for 1s", "load.api.throughput > 5% for 1s",
        "load.api.p99 = 1s for 1s", "", " ", Raw("5"), Raw("null"), ["load.api.p99 > 1s for 1s"]]),
    (ABORTING, "/abort", [Raw("[]"), "load.api.p99 > 1s for 1s", Raw("null")]),
    (ATTACH, "/abort", [["load.api.p99 > 1s for 1s"], ["target.rss_peak > 1GiB for 1s"]]),
    (BASELINED, "/baseline", [
        {}, {"tolerance": {}}, {"tolerance": {"default": "10%"}}, {"tolerance": {"default": "0%"}},
        {"tolerance": {"default": "5.%"}}, {"tolerance": {"default": ".5%"}}, {"tolerance": {"default": "150%"}},
        {"tolerance": {"default": "2ms"}}, {"tolerance": {"default": 10}}, {"tolerance": {"default": "-1%"}},
        {"tolerance": {"default": "1 %"}}, {"tolerance": {"default": "10%\n"}}, {"tolerance": {"default": "%"}},
        {"tolerance": {"load.api.p99": "2ms"}}, {"tolerance": {"load.api.p99": "25%"}},
        {"tolerance": {"load.api.p99": "0ms"}}, {"tolerance": {"load.api.max": "1m30.5s"}},
        {"tolerance": {"load.api.p50": "2"}}, {"tolerance": {"load.api.p90": 2}},
        {"tolerance": {"load.api.p999": "2MiB"}}, {"tolerance": {"load.api.p99": "-2ms"}},
        {"tolerance": {"load.api.error_rate": "1%"}}, {"tolerance": {"load.api.error_rate": "1ms"}},
        {"tolerance": {"load.api.error_rate": 0.01}}, {"tolerance": {"load.api.throughput": 50}},
        {"tolerance": {"load.api.throughput": 0}}, {"tolerance": {"load.api.throughput": 12.5}},
        {"tolerance": {"load.api.throughput": "10%"}}, {"tolerance": {"load.api.throughput": -1}},
        {"tolerance": {"load.api.throughput": "50"}}, {"tolerance": {"load.api.throughput": True}},
        {"tolerance": {"recovery.time_to_recover": "1s"}}, {"tolerance": {"recovery.time_to_recover": "25%"}},
        {"tolerance": {"recovery.time_to_recover": 1}}, {"tolerance": {"target.threads_leaked": "10%"}},
        {"tolerance": {"load.api.requests": "10%"}}, {"tolerance": {"recovery.availability": "10%"}},
        {"tolerance": {"target.rss_peak": "1MiB"}}, {"tolerance": {"load.api.p95": "10%"}},
        {"tolerance": {"defualt": "10%"}}, {"tolerance": {"load..p99": "1ms"}},
        {"tolerance": {"load.a/b.p99": "1ms"}}, {"tolerance": {"load.web.p99": "1ms"}},
        {"tolerance": {"load.api.p99\n": "1ms"}}, {"tolerance": "10%"}, {"tolerance": ["10%"]},
        {"alpha": 0.05}, {"alpha": 0.5}, {"alpha": 1e-9}, {"alpha": 0}, {"alpha": 0.51}, {"alpha": -0.1},
        {"alpha": "0.05"}, {"too_few_samples": "fail"}, {"too_few_samples": "pass"},
        {"too_few_samples": "Pass"}, {"too_few_samples": "skip"}, {"too_few_samples": True},
        {"tolerances": {}}, {"alpha": 0.05, "extra": 1}, "10%", [], Raw("null")]),
    (SPAWN, "/target/command", [["./s", "${port}", "$${A}", "$x", "a$", "${_9}"], [""],
                                ["${}"], ["${1A}"], ["${A"], ["${A-B}"], ["${A${B}}"], []]),
    (SPAWN, "/target/env", [{"A_1": "${B}"}, {"_": ""}, {"1A": "x"}, {"A-B": "x"}, {"": "x"},
                            {"A": "${"}, {"A": 1}]),
    (SPAWN, "/target/cwd", ["/tmp", "${HOME}/x", "", "${HOME"]),
    (ATTACH, "/load/0/connections", [Raw("1"), Raw("4294967295"), Raw("0"), Raw("-1"),
                                     Raw("4294967296"), Raw("18446744073709551616"), Raw("1.5"),
                                     Raw("\"16\""), Raw("true"), Raw("16.0"), Raw("1e1")]),
    (ATTACH, "/target/pid", [Raw("1"), Raw("2147483647"), Raw("2147483648"), Raw("0")]),
    (OPEN, "/load/0/stages/0/rate", [Raw("1"), Raw("0.001"), Raw("1e-300"),
                                     Raw("1.7976931348623157e308"), Raw("0"), Raw("-0.5"),
                                     Raw("1e999"), Raw("\"5\""), Raw("true"), Raw("NaN")]),
    (ATTACH, "/target/ready", [{"http": "/h?x=1"}, {"tcp": True}, {"tcp": False}, {"tcp": 1},
                               {"http": "h"}, {"http": "/a b"}, {"http": "/{x"},
                               {"http": "/h", "tcp": True}, {"timeout": "0s"}]),
    (LIMITED, "/target/limits/memory", ["1B", "256MiB", "1.5KiB", ".5KiB", "1.KiB", "0.001KB",
                                        "1kB", "1TB", "16777215TiB", "00064MiB", "0B", "0MiB",
                                        "0.0GiB", ".B", "", "1", "MiB", "1 MiB", " 1MiB",
                                        "1MiB\n", "1mib", "1Kb", "1KIB", "1EiB", "-1MiB",
                                        "+1MiB", "1e3B", "1.5.5KiB", Raw("1048576"), "1.5B",
                                        "0.0001KB", "16777216TiB", "0.00000000000000000001KiB"]),
    (LIMITED, "/target/limits/cpu", [Raw("1"), Raw("0.001"), Raw("1024"), Raw("1024.0"),
                                     Raw("1024.001"), Raw("0"), Raw("-1"), Raw("1e999"),
                                     Raw("\"1\""), Raw("true")]),
    (LIMITED, "/target/limits/open_files", [Raw("1"), Raw("1073741824"), Raw("1073741825"),
                                            Raw("0"), Raw("1.5"), Raw("\"64\""), Raw("64.0")]),
    (SPAWN, "/target/limits", [{}, {"swap": "1MiB"}, "1MiB", []]),
    (SPAWN, "/target/restart", [
        "never", "on-failure", "always", "on_failure", "Always", "", {"policy": "always"},
        {"policy": "never", "delay": "0s", "max_restarts": 1},
        {"policy": "always", "delay": "1m30s", "max_restarts": 1000}, {"delay": "1s"},
        {"policy": "sometimes"}, {"policy": "always", "max_restarts": 0},
        {"policy": "always", "max_restarts": 1001}, {"policy": "always", "delay": "0"},
        {"policy": "always", "max": 3}, {"policy": ["always"]}, {}, Raw("1"), Raw("true"),
        Raw("null"), ["always"]]),
    (ATTACH, "/target/limits", [{"memory": "1MiB"}, {}]),
    (ATTACH, "/target/restart", ["never", {"policy": "never"}]),
    (OBSERVED, "/observe/prometheus", [
        "/metrics", "/m?x=1&y=%20", "/", "metrics", "", "/a b", "/caf\u00e9", "/m\n",
        {"path": "/metrics"}, {"path": "/m", "metrics": ["go_goroutines", "a:b", "_x", ":y", "A9"]},
        {"path": "/m", "metrics": []}, {"path": "/m", "metrics": ["9a"]},
        {"path": "/m", "metrics": ["a-b"]}, {"path": "/m", "metrics": ["a\n"]},
        {"path": "/m", "metrics": [""]}, {"path": "/m", "metrics": [1]},
        {"path": "/m", "metrics": "go_goroutines"}, {"metrics": ["a"]}, {"path": "m"},
        {"path": "/m", "interval": "1s"}, {}, Raw("1"), Raw("true"), Raw("null"), ["/m"]]),
    (OBSERVED, "/observe/logs", [Raw("true"), Raw("false"), Raw("\"true\""), Raw("1"),
                                 ["sanitizers"]]),
    (PHASED, "/phases/baseline_window", ["1ms", "0s", "0.0ms", "1", Raw("1")]),
    (PHASED, "/phases/settle", ["0s", "0", "2s", "-1s"]),
    (PHASED, "/phases/recovery_window", ["3s", "0s", ""]),
    (SIGNALLED, "/faults/0/signal", [
        "SIGTERM", "TERM", "sigterm", "Term", "sIgUsR1", "SIGKILL", "STOP", "SIGSTKFLT", "SIGPOLL",
        "PWR", "SIGSYS", "1", "9", "09", "64", "0000000064", "SIGIO", "SIGIOT", "SIGCLD",
        "SIGRTMIN", "SIGRTMIN+1", "SIGEMT", "SIG", "SIGSIGTERM", "SIG9", "SIGFOO", "0", "65",
        "-9", "+9", "9999999999999", "", " TERM", "TERM ", "TERM\n", "SIG TERM", "SIGTERM\u0000",
        Raw("9"), Raw("null")]),
    (SPAWN, "/faults", [
        [{"kind": "kill", "at": "1s"}], [{"kind": "kill", "at": "0s", "signal": "SIGTERM"}],
        [{"kind": "kill", "at": "1s", "for": "1s"}], [{"kind": "kill", "at": "1s", "signal": ""}],
        [{"kind": "kill", "at": "1s", "signal": None}],
        [{"kind": "signal", "at": "1s"}], [{"kind": "signal", "at": "1s", "signal": "HUP", "for": "1s"}],
        [{"kind": "signal", "signal": "HUP"}],
        [{"kind": "pause", "at": "1s", "for": "1s"}], [{"kind": "pause", "at": "1s"}],
        [{"kind": "pause", "at": "1s", "for": "0s"}],
        [{"kind": "pause", "at": "1s", "for": "1s", "signal": "STOP"}],
        [{"kind": "memory_limit", "at": "1s", "memory": "1MiB"}],
        [{"kind": "memory_limit", "at": "1s", "for": "1s", "memory": "0B"}],
        [{"kind": "memory_limit", "at": "1s", "memory": 1048576}],
        [{"kind": "memory_limit", "at": "1s"}],
        [{"kind": "cpu_limit", "at": "1s", "cpu": 0.5}],
        [{"kind": "cpu_limit", "at": "1s", "cpu": 4097}],
        [{"kind": "cpu_limit", "at": "1s", "cores": 1}],
        [{"kind": "open_files", "at": "1s", "open_files": 64}],
        [{"kind": "open_files", "at": "1s", "open_files": 0}],
        [{"kind": "memory_hog", "at": "1s", "for": "1s", "memory": "1GiB"}],
        [{"kind": "memory_hog", "at": "1s", "memory": "1gb"}],
        [{"kind": "cpu_hog", "at": "1s", "cores": 1024}],
        [{"kind": "cpu_hog", "at": "1s", "cores": 0}],
        [{"kind": "cpu_hog", "at": "1s", "cpu": 1}],
        [{"kind": "kill", "at": "1s", "proxy": "proxy"}],
        [{"kind": "memory_limit", "at": "1s", "memory": "1MiB", "direction": "both"}],
        [{"kind": "cpu_hog", "at": "1s", "cores": 1, "toxicity": 1}],
        [{"kind": "Kill", "at": "1s"}]]),
    (ATTACH, "/faults", [
        [{"kind": "memory_hog", "at": "1s", "memory": "1MiB"}],
        [{"kind": "cpu_hog", "at": "1s", "cores": 1}],
        [{"kind": "kill", "at": "1s"}], [{"kind": "signal", "at": "1s", "signal": "HUP"}],
        [{"kind": "pause", "at": "1s", "for": "1s"}],
        [{"kind": "memory_limit", "at": "1s", "memory": "1MiB"}],
        [{"kind": "cpu_limit", "at": "1s", "cpu": 1}],
        [{"kind": "open_files", "at": "1s", "open_files": 64}],
        [{"kind": "cpu_hog", "at": "1s", "cores": 1}, {"kind": "kill", "at": "1s"}]]),
    (ATTACH_PID, "/faults", [
        [{"kind": "kill", "at": "1s"}], [{"kind": "pause", "at": "1s", "for": "1s"}],
        [{"kind": "open_files", "at": "1s", "open_files": 64}]]),
]

# Probes that the parser rejects and the schema accepts: the rules in the schema's top-level
# description that a JSON Schema cannot state, which the corpus does not reach.
PARSER_ONLY = {
    ("/abort/0", "load.api.error_rate > 90% for 0.1ns"): "(12) a duration shorter than 1ns counts as 0",
    ("/abort/0", "load.api.error_rate > 90% for 11s"): "(18) an abort condition's for is at most duration",
    ("/abort/0", "load.web.p99 > 1s for 1s"): "(17) a load metric names a generator of load",
    ("/abort", "['target.rss_peak > 1GiB for 1s']"): "(17) target metrics need a spawned target or target.pid",
    ("/baseline", "{'tolerance': {'load.web.p99': '1ms'}}"): "(17) a load metric names a generator of load",
    ("/load/0/timeout", "2562047h47m16.854775808s"): "(12) a duration is at most 2562047h47m16.854775807s",
    ("/load/0/timeout", "0.1ns"): "(12) a duration shorter than 1ns counts as 0",
    ("/load/0/requests/0/path", "/{rand:18446744073709551616}"): "(13) N <= 18446744073709551615",
    ("/load/0/connections", "16.0"): "(11) integers are written as integers",
    ("/load/0/connections", "1e1"): "(11) integers are written as integers",
    ("/target/limits/open_files", "64.0"): "(11) integers are written as integers",
    ("/target/limits/memory", "1.5B"): "(15) a size comes to a whole number of bytes",
    ("/target/limits/memory", "0.0001KB"): "(15) a size comes to a whole number of bytes",
    ("/target/limits/memory", "16777216TiB"): "(15) a size is at most 18446744073709551615 bytes",
    ("/target/limits/memory", "0.00000000000000000001KiB"): "(15) digits past the 19th after the point count as 0",
}


def probe_text(base, pointer, value):
    """`base` as JSON text with the value at `pointer` (object keys and array indices) replaced."""
    document = copy.deepcopy(base)
    *parents, last = pointer.strip("/").split("/")
    node = document
    for key in parents:
        node = node[int(key)] if isinstance(node, list) else node[key]
    marker = "\u0001probe\u0001"
    node[int(last) if isinstance(node, list) else last] = marker
    text = json.dumps(document, ensure_ascii=False)
    written = value.text if isinstance(value, Raw) else json.dumps(value, ensure_ascii=False)
    return text.replace(json.dumps(marker, ensure_ascii=False), written)


# --- the run -----------------------------------------------------------------------------------

class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def report(self, ok, label, detail):
        print(f"{'PASS' if ok else 'FAIL'} {label}: {detail}")
        if ok:
            self.passed += 1
        else:
            self.failed += 1


def judge(tally, label, parser, schema, expected, allowed_reason=None):
    """expected: True (both accept), False (both reject) or None (both agree, either way).
    With allowed_reason the parser must reject and the schema accept."""
    detail = f"{parser.detail}; {schema.detail}"
    if parser.accepted is None:
        ok = False
    elif allowed_reason is not None:
        ok = parser.accepted is False and schema.accepted
        detail += f" (allowed: {allowed_reason})" if ok else (
            f"; allowed to differ ({allowed_reason}) but they do not: update the allow-list")
    elif expected is None:
        ok = parser.accepted == schema.accepted
    else:
        ok = parser.accepted == expected and schema.accepted == expected
    if not ok and expected is False and parser.accepted is False and schema.accepted:
        detail += ("; if the rule it breaks cannot be stated in JSON Schema, add the file to "
                   "SCHEMA_CANNOT_EXPRESS and the rule to the schema's description")
    tally.report(ok, label, detail)


def main():
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--faultline", required=True, help="the faultline binary")
    arguments.add_argument("--root", required=True, help="the source tree")
    options = arguments.parse_args()
    root = pathlib.Path(options.root)
    tally = Tally()

    schema = json.loads((root / "scenarios" / "schema.json").read_text(encoding="utf-8"))
    try:
        Draft202012Validator.check_schema(schema)
        tally.report(True, "scenarios/schema.json", "a valid draft 2020-12 schema")
    except Exception as error:  # noqa: BLE001 - any failure here is the finding
        tally.report(False, "scenarios/schema.json", f"not a valid schema: {error}")
        print(f"{tally.passed} passed, {tally.failed} failed")
        return 1
    problems = schema_problems(schema)
    tally.report(not problems, "scenarios/schema.json", "; ".join(problems) or
                 "every property has a title and a description; every object is closed")
    validator = Draft202012Validator(schema)

    corpus = root / "tests" / "data" / "scenarios"
    valid = [p for p in sorted((root / "scenarios").glob("*.json")) if p.name != "schema.json"]
    valid += sorted((corpus / "valid").glob("*.json"))
    invalid = sorted((corpus / "invalid").glob("*.json"))
    files = [(p, True) for p in valid] + [(p, False) for p in invalid]
    verdicts = parser_verdicts(options.faultline, [path for path, _ in files])
    for (path, expected), parser in zip(files, verdicts):
        judge(tally, str(path.relative_to(root)), parser,
              schema_verdict(validator, path.read_bytes()), expected,
              SCHEMA_CANNOT_EXPRESS.get(path.name) if not expected else None)
    present = {p.name for p in invalid}
    for name in sorted(set(SCHEMA_CANNOT_EXPRESS) - present):
        print(f"note: allow-listed {name} is not in the corpus")

    with tempfile.TemporaryDirectory(prefix="faultline-schema-") as scratch:
        probes = []  # (label, file, text, reason the parser alone may reject it)
        for base, pointer, values in PROBES:
            for value in values:
                text = probe_text(base, pointer, value)
                path = pathlib.Path(scratch) / f"probe-{len(probes)}.json"
                path.write_bytes(text.encode("utf-8"))
                key = (pointer, value if isinstance(value, str) else repr(value))
                probes.append((f"probe {pointer} = {value!r}", path, text, PARSER_ONLY.get(key)))
        verdicts = parser_verdicts(options.faultline, [path for _, path, _, _ in probes])
        for (label, _, text, allowed_reason), parser in zip(probes, verdicts):
            judge(tally, label, parser, schema_verdict(validator, text.encode("utf-8")), None,
                  allowed_reason)

    print(f"{tally.passed} passed, {tally.failed} failed")
    return 0 if tally.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
