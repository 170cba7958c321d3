"""Real servers on 127.0.0.1: llmkg over the embedded store, an Oxigraph server, and llmkg in
remote mode over that Oxigraph server. Each is a subprocess, stopped at the end of the session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            said = proc.stderr.read().decode() if proc.stderr else ""
            raise RuntimeError(f"server exited with {proc.returncode}: {said}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status < 500:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@dataclass
class Server:
    url: str
    proc: subprocess.Popen

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)


def start(cmd: list[str], env: dict[str, str], probe: str) -> Server:
    port = free_port()
    cmd = [c.replace("{port}", str(port)) for c in cmd]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url + probe, proc)
    except BaseException:
        proc.kill()
        raise
    return Server(url, proc)


@pytest.fixture(scope="session")
def e2e_env(tmp_path_factory) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMKG_")}
    env["LLMKG_ROOT"] = str(ROOT)
    env["LLMKG_STORE"] = str(tmp_path_factory.mktemp("e2e") / "store")
    build(env)
    return env


@pytest.fixture(scope="session")
def embedded_server(e2e_env) -> Iterator[Server]:
    s = start([str(BIN / "llmkg"), "serve", "--no-build", "--port", "{port}", "--log-level", "warning"], e2e_env, "/")
    yield s
    s.stop()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory) -> Iterator[Server]:
    exe = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")
    if exe is None:
        pytest.fail("the oxigraph server (PyPI package `oxigraph`, in the test extra) is not installed")
    location = tmp_path_factory.mktemp("oxigraph")
    cmd = [exe, "serve", "--location", str(location), "--bind", "127.0.0.1:{port}"]
    s = start(cmd, dict(os.environ), "/query?query=ASK%7B%7D")
    yield s
    s.stop()


@pytest.fixture(scope="session")
def remote_server(oxigraph_server, e2e_env) -> Iterator[Server]:
    env = dict(e2e_env)
    env["LLMKG_ENDPOINT"] = oxigraph_server.url + "/query"
    env["LLMKG_UPDATE_ENDPOINT"] = oxigraph_server.url + "/update"
    build(env)
    s = start([str(BIN / "llmkg"), "serve", "--port", "{port}", "--log-level", "warning"], env, "/")
    yield s
    s.stop()


def build(env: dict[str, str]) -> None:
    done = subprocess.run([str(BIN / "llmkg"), "build"], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        pytest.fail(f"llmkg build exited with {done.returncode}:\n{done.stderr[-4000:]}")


@pytest.fixture(scope="session", params=["embedded", "remote"])
def server(request) -> Server:
    """The llmkg service in each mode: over its embedded store, and over a remote Oxigraph server."""
    return request.getfixturevalue(f"{request.param}_server")
