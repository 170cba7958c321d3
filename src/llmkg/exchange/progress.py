"""A one-line progress bar on stderr for imports and exports that take more than a moment.

`ProgressBar(label)` is a `(done, total, note)` callable: it redraws `label [#####-----] 3/6 note`
in place when the stream is a terminal, and writes nothing otherwise (logs and pipes stay clean;
the commands print their own per-file summary lines).

>>> import io
>>> class Tty(io.StringIO):
...     def isatty(self): return True
>>> out = Tty()
>>> bar = ProgressBar("import mot", width=10, stream=out)
>>> bar(1, 2, "Amber.yml"); bar(2, 2); bar.done()
>>> out.getvalue().split("\\r")[-1].rstrip()  # the last drawing, blanking the longer one before it
'import mot [##########] 2/2'
>>> silent = io.StringIO()
>>> ProgressBar("export dcat", stream=silent)(1, 3); silent.getvalue()
''
"""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    def __init__(self, label: str, width: int = 30, stream: TextIO | None = None) -> None:
        self.label, self.width = label, width
        self.stream = stream if stream is not None else sys.stderr
        self.shown = self.stream.isatty()
        self.drawn = 0  # length of the last line drawn, to blank a longer one

    def __call__(self, done: int, total: int, note: str = "") -> None:
        if not self.shown or total <= 0:
            return
        filled = self.width * min(done, total) // total
        line = f"{self.label} [{'#' * filled}{'-' * (self.width - filled)}] {done}/{total}"
        line += f" {note}" if note else ""
        self.stream.write("\r" + line.ljust(self.drawn))
        self.stream.flush()
        self.drawn = len(line)

    def done(self) -> None:
        """End the bar's line (if one was drawn)."""
        if self.shown and self.drawn:
            self.stream.write("\n")
            self.stream.flush()
            self.drawn = 0
