"""A real llmkg server process over a test root, for the crash and concurrency tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass

from llmkg.config import Settings


@dataclass
class Live:
    url: str
    proc: subprocess.Popen
    settings: Settings

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, as in a crash."""
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(30)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(settings: Settings, seconds: float = 120) -> Live:
    """uvicorn serving `create_app` over settings.root's store, as `llmkg serve --no-build` does."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LLMKG_")}
    env["LLMKG_ROOT"] = str(settings.root)
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "llmkg.http.app:app_from_env", "--host", "127.0.0.1",
           "--port", str(port), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    live = Live(f"http://127.0.0.1:{port}", proc, settings)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {proc.stderr.read().decode()[-3000:]}")
        try:
            with urllib.request.urlopen(live.url + "/submissions", timeout=2) as r:
                if r.status == 200:
                    return live
        except OSError:
            time.sleep(0.2)
    live.stop()
    raise RuntimeError(f"{live.url} did not answer within {seconds} s")
