"""The processes under test, on 127.0.0.1, and the sampling of their memory.

Guarantees: a `Server` started in a `with` block is killed (its whole process group) when the
block ends, however it ends; every HTTP request made here has a timeout; memory is the resident
set (RSS) of a process and all its children, sampled every 0.1–0.25 s, so a peak shorter than
that can be missed.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

SPARQL_JSON = "application/sparql-results+json"
ROOT = Path(__file__).resolve().parents[1]  # so that `python -m bench.…` works from anywhere


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_cli() -> str:
    found = Path(sys.executable).parent / "oxigraph"
    if found.exists():
        return str(found)
    which = shutil.which("oxigraph")
    if not which:
        raise RuntimeError("the oxigraph CLI is not installed: pip install 'oxigraph>=0.5,<0.6'")
    return which


def tree_rss(pid: int | None) -> int:
    """Resident memory of a process and its children, in bytes (0 if it is gone)."""
    if pid is None:
        return 0
    try:
        p = psutil.Process(pid)
        return sum(q.memory_info().rss for q in [p, *p.children(recursive=True)])
    except psutil.Error:
        return 0


def run_measured(argv: list[str], log: Path, timeout: float) -> dict:
    """Run a command to its end; its wall time, peak RSS and exit status. Output goes to `log`."""
    log.parent.mkdir(parents=True, exist_ok=True)
    peak = 0
    t0 = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                cwd=ROOT)
        try:
            while proc.poll() is None:
                peak = max(peak, tree_rss(proc.pid))
                if time.perf_counter() - t0 > timeout:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
                    raise RuntimeError(f"{argv[0]} did not finish within {timeout:.0f} s")
                time.sleep(0.1)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(argv)} exited with {proc.returncode}:\n{tail}")
    return {"seconds": round(seconds, 2), "peak_rss_bytes": peak}


@dataclass
class Server:
    """One server process: its command, the query URL, and how long it may take to start.

    Starting waits until `ASK {}` answers 200; the RSS peak seen while waiting is kept (for
    rdflib-endpoint that is the peak of loading the graph).
    """

    name: str
    argv: list[str]
    url: str
    log: Path
    env: dict[str, str] = field(default_factory=dict)
    start_timeout: float = 300.0
    proc: subprocess.Popen | None = None
    startup_seconds: float = 0.0
    startup_peak_rss: int = 0

    def start(self) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        t0 = time.monotonic()
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(self.argv, stdout=log, stderr=subprocess.STDOUT,
                                         env={**os.environ, **self.env}, start_new_session=True, cwd=ROOT)
        deadline = t0 + self.start_timeout
        with httpx.Client(timeout=5) as client:
            while time.monotonic() < deadline:
                self.startup_peak_rss = max(self.startup_peak_rss, self.rss())
                if self.proc.poll() is not None:
                    raise RuntimeError(f"{self.name} exited with {self.proc.returncode}:\n{self.log_tail()}")
                try:
                    r = client.post(self.url, data={"query": "ASK {}"}, headers={"Accept": SPARQL_JSON})
                    if r.status_code == 200:
                        self.startup_seconds = time.monotonic() - t0
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not answer within {self.start_timeout:.0f} s:\n{self.log_tail()}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGTERM)
                self.proc.wait(timeout=10)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                try:
                    os.killpg(self.proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                self.proc.wait(timeout=10)
        self.proc = None

    def restart(self) -> None:
        self.stop()
        self.start()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def rss(self) -> int:
        return tree_rss(self.proc.pid) if self.alive() else 0

    def log_tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def __enter__(self) -> Server:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class RssSampler(threading.Thread):
    """Samples named memory probes every `interval` seconds; keeps each one's peak."""

    def __init__(self, probes: dict[str, Callable[[], int]], interval: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.probes, self.interval = probes, interval
        self.peak: dict[str, int] = dict.fromkeys(probes, 0)
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            for name, probe in self.probes.items():
                self.peak[name] = max(self.peak[name], probe())
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)
