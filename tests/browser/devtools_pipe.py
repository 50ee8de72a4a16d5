"""Headless Chromium driven over the DevTools protocol on a pipe (--remote-debugging-pipe).

Chromium reads commands on its fd 3 and writes replies and events on its fd 4, each message JSON
ended by a NUL byte. No port is opened, so nothing else on the machine can talk to this browser.
Standard library only: the test runs wherever Debian's chromium and python3 are installed.
"""

import fcntl
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time

# What the browser is told: headless, and nothing it would do on its own account (updates, sync,
# first-run pages, background fetches), so that every request it makes comes from the page.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
]

# Chromium's own fd numbers for the pipe, fixed by --remote-debugging-pipe.
_CHROMIUM_READS_FD = 3
_CHROMIUM_WRITES_FD = 4
# Our own descriptors are moved at or above this, so lending 3 and 4 to the child never hits them.
_HIGH_FD = 10


class DevToolsError(Exception):
    """The browser failed, timed out, or answered a command with an error."""


def _move_high(fd):
    """Returns a close-on-exec duplicate of `fd` numbered at least _HIGH_FD, closing `fd`."""
    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, _HIGH_FD)
    os.close(fd)
    return high


class _Held:
    """What a low descriptor number held before it was lent to the child: restore() puts it back
    (or closes the number when it was free)."""

    def __init__(self, fd):
        self.fd = fd
        try:
            self.inheritable = os.get_inheritable(fd)
            self.copy = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, _HIGH_FD)
        except OSError:
            self.copy = None  # not open

    def restore(self):
        if self.copy is None:
            os.close(self.fd)
        else:
            os.dup2(self.copy, self.fd, inheritable=self.inheritable)
            os.close(self.copy)


class Chromium:
    """One headless browser with a temporary profile. Use as a context manager: on leaving, the
    browser's whole process group is killed by its id and the profile removed, whatever happened."""

    def __init__(self, binary, log_path, startup_timeout_s=30.0):
        self._profile = tempfile.mkdtemp(prefix="faultline-chromium-profile-")
        self._buffer = b""
        self._next_id = 1
        self._events = []  # events not yet taken, in arrival order
        self._process = None
        self._to_chromium = self._from_chromium = None
        try:
            self._start(binary, log_path)
            self.call("Browser.getVersion", timeout_s=startup_timeout_s)
        except BaseException:
            self.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _start(self, binary, log_path):
        child_reads, to_chromium = os.pipe()
        from_chromium, child_writes = os.pipe()
        log_fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        child_reads, child_writes, log_fd = (_move_high(fd) for fd in (child_reads, child_writes, log_fd))
        self._to_chromium, self._from_chromium = _move_high(to_chromium), _move_high(from_chromium)
        # pass_fds keeps descriptor numbers, so the child's ends must sit at exactly 3 and 4 here
        # while the browser starts. Whatever held them (ctest leaves fds open) is put back after.
        held = [_Held(fd) for fd in (_CHROMIUM_READS_FD, _CHROMIUM_WRITES_FD)]
        try:
            os.dup2(child_reads, _CHROMIUM_READS_FD, inheritable=False)
            os.dup2(child_writes, _CHROMIUM_WRITES_FD, inheritable=False)
            # A session of its own makes the browser's pid its process-group id, so close() can
            # end the renderer and utility processes it spawned as well.
            self._process = subprocess.Popen(
                [binary, *CHROMIUM_FLAGS, f"--user-data-dir={self._profile}", "about:blank"],
                stdin=subprocess.DEVNULL, stdout=log_fd, stderr=log_fd,
                pass_fds=(_CHROMIUM_READS_FD, _CHROMIUM_WRITES_FD), start_new_session=True)
        finally:
            for low_fd in held:
                low_fd.restore()
            for fd in (child_reads, child_writes, log_fd):
                os.close(fd)

    def close(self):
        """Asks the browser to quit, then kills its process group by id and removes the profile."""
        if self._process is not None and self._process.poll() is None and self._to_chromium is not None:
            try:
                self._send("Browser.close", {}, None)
                self._process.wait(timeout=5)
            except (OSError, DevToolsError, subprocess.TimeoutExpired):
                pass  # killed below
        if self._process is not None:
            try:
                os.killpg(self._process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # the browser and every child it had have already gone
            self._process.wait(timeout=10)
        for fd in (self._to_chromium, self._from_chromium):
            if fd is not None:
                os.close(fd)
        self._to_chromium = self._from_chromium = None
        shutil.rmtree(self._profile, ignore_errors=True)

    def _send(self, method, params, session_id):
        message_id = self._next_id
        self._next_id += 1
        message = {"id": message_id, "method": method, "params": params}
        if session_id is not None:
            message["sessionId"] = session_id
        data = json.dumps(message).encode() + b"\0"
        while data:
            data = data[os.write(self._to_chromium, data):]
        return message_id

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            remaining_s = deadline - time.monotonic()
            if remaining_s <= 0:
                raise DevToolsError("timed out waiting for chromium")
            ready, _, _ = select.select([self._from_chromium], [], [], remaining_s)
            if not ready:
                continue
            chunk = os.read(self._from_chromium, 1 << 20)
            if not chunk:
                raise DevToolsError(f"chromium closed its pipe (exit status {self._process.poll()})")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None, session_id=None, timeout_s=30.0):
        """Sends one command and returns its result; events that arrive meanwhile are kept."""
        message_id = self._send(method, params or {}, session_id)
        deadline = time.monotonic() + timeout_s
        while True:
            message = self._read_message(deadline)
            if message.get("id") == message_id:
                if "error" in message:
                    raise DevToolsError(f"{method}: {message['error'].get('message', message['error'])}")
                return message.get("result", {})
            if "method" in message:
                self._events.append(message)

    def wait_for_event(self, method, session_id, timeout_s=30.0):
        """Returns the first event `method` of `session_id`, received already or within the timeout."""
        deadline = time.monotonic() + timeout_s
        seen = 0
        while True:
            for event in self._events[seen:]:
                if event["method"] == method and event.get("sessionId") == session_id:
                    return event
            seen = len(self._events)
            message = self._read_message(deadline)
            if "method" in message:
                self._events.append(message)

    def take_events(self, session_id):
        """Removes and returns every event received so far for `session_id`."""
        taken = [e for e in self._events if e.get("sessionId") == session_id]
        self._events = [e for e in self._events if e.get("sessionId") != session_id]
        return taken
