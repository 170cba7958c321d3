"""Which `llmkg serve` holds a store open for writing, so that other processes read through it.

Oxigraph lets a second process open a store read-only, but not safely while another process
writes it ("undefined behaviour", pyoxigraph's documentation): the writer's background
compactions delete files the reader is still reading, and the reader fails with "Corruption: …
No such file or directory". So `llmkg serve` leaves a note in the store folder while it serves,
its URL and process id, and the CLI's read commands (`query`, `explain`, `export`, `validate`)
send their queries to that server instead of opening the folder; `dump` fetches its /dumps.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> with announced(folder, "http://127.0.0.1:8000"):
    ...     server_of(folder) is None   # this process's own server: it opens the store itself
    True
    >>> (folder / NOTE).exists()
    False
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .config import Settings

NOTE = "llmkg-server.json"


@contextmanager
def announced(store_dir: Path, url: str) -> Iterator[None]:
    """While the block runs, the store folder says which server (URL, pid) writes it."""
    note = store_dir / NOTE
    tmp = note.with_suffix(".tmp")
    tmp.write_text(json.dumps({"url": url, "pid": os.getpid()}), encoding="utf-8")
    tmp.replace(note)
    try:
        yield
    finally:
        if _read(note).get("pid") == os.getpid():  # not a later server's note
            note.unlink(missing_ok=True)


def server_of(store_dir: Path) -> str | None:
    """The URL of another live process serving this store folder, or None."""
    note = _read(store_dir / NOTE)
    pid, url = note.get("pid"), note.get("url")
    if not isinstance(pid, int) or not isinstance(url, str) or pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return None  # a server that was killed before it could remove its note
    except PermissionError:
        pass  # alive, but another user's
    return url


def reading_through(settings: Settings) -> str | None:
    """The URL of the server that writes the configured embedded store, if one does; said on stderr,
    since the reads then get that server's timeout and result cap."""
    if settings.endpoint or not settings.store.exists():
        return None
    url = server_of(settings.store.resolve())
    if url:
        print(f"note: reading through the server at {url}, which has {settings.store} open for writing",
              file=sys.stderr)
    return url


def local_url(host: str, port: int) -> str:
    """The URL a client on this machine reaches a server bound to host:port by."""
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _read(note: Path) -> dict:
    try:
        data = json.loads(note.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
