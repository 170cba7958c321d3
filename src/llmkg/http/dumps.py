"""Whole-graph dumps: GET /dumps/llmkg.{trig,nq,jsonld,ttl,nt,rdf}, streamed as dump.write writes.

Quad formats keep every named graph (who says what); triple formats hold their union.
"""

from __future__ import annotations

import contextlib
import io
import queue
import threading
from collections.abc import Iterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from .. import dump, formats
from ..errors import not_found
from ..store import KnowledgeGraph
from .deps import KG

router = APIRouter(tags=["dumps"])
NAME = "llmkg"
_END = object()


def dump_files() -> list[tuple[str, formats.Format]]:
    """(file name, format) of every dump offered."""
    return [(NAME + f.extension, f) for f in formats.RDF_FORMATS]


@router.api_route("/dumps/{filename}", methods=["GET", "HEAD"], name="dump")
def get_dump(filename: str, kg: KG) -> StreamingResponse:
    fmt = dict(dump_files()).get(filename)
    if fmt is None:
        offered = ", ".join(name for name, _ in dump_files())
        raise not_found(f"no dump {filename!r}; offered: {offered}", parameter="filename")
    headers = {"Content-Disposition": f'inline; filename="{filename}"'}
    return StreamingResponse(stream(kg, fmt), media_type=fmt.media_type, headers=headers)


class _Pipe(io.RawIOBase):
    """A write-only file whose writes become chunks of the response."""

    def __init__(self, chunks: queue.Queue, stopped: threading.Event) -> None:
        self.chunks, self.stopped = chunks, stopped

    def writable(self) -> bool:
        return True

    def write(self, b) -> int:  # noqa: ANN001 - any bytes-like
        self.put(bytes(b))
        return len(b)

    def put(self, item: object) -> None:
        while not self.stopped.is_set():
            try:
                self.chunks.put(item, timeout=1)
                return
            except queue.Full:
                continue
        raise BrokenPipeError("client went away")


def stream(kg: KnowledgeGraph, fmt: formats.Format) -> Iterator[bytes]:
    """The dump's bytes as dump.write produces them (writer thread → bounded queue → response)."""
    chunks: queue.Queue = queue.Queue(maxsize=64)
    stopped = threading.Event()

    pipe = _Pipe(chunks, stopped)

    def writer() -> None:
        try:
            with io.BufferedWriter(pipe, buffer_size=64 * 1024) as out:
                dump.write(kg, fmt, out)
            pipe.put(_END)
        except BrokenPipeError:
            return
        except BaseException as e:  # handed to the response side, which re-raises it
            with contextlib.suppress(BrokenPipeError):
                pipe.put(e)

    threading.Thread(target=writer, daemon=True, name=f"dump-{fmt.name}").start()
    try:
        while (chunk := chunks.get()) is not _END:
            if isinstance(chunk, BaseException):
                raise chunk
            yield chunk
    finally:
        stopped.set()
