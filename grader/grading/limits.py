"""How grading holds a running notebook to its limits, and what a cell it stopped shows.

`ExecuteWithLimits` keeps one `TimeBudget` and one `OutputBudget` per notebook, for the student's
kernel and the judge together; the limits themselves, and the names of the failures written here,
are in `grader.grading.vocabulary`.
"""

import json
import time

import nbformat
from nbformat.notebooknode import NotebookNode

from grader.grading import vocabulary


def failure_output(ename: str, evalue: str) -> NotebookNode:
    """The error output grading writes into a cell it stopped; `ename` is a vocabulary failure."""
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                  traceback=[f"{ename}: {evalue}"])


def not_run(reason: str) -> NotebookNode:
    return failure_output(vocabulary.NOT_RUN, f"not run: {reason}")


class TimeBudget:
    """Seconds a whole notebook may run, counted from its first cell (a slow kernel start-up
    spends none of it)."""

    def __init__(self, seconds: float, clock=time.monotonic):
        self.seconds, self._clock, self._deadline = seconds, clock, None

    def start(self) -> None:
        if self._deadline is None:
            self._deadline = self._clock() + self.seconds

    def spent(self) -> bool:
        return self._deadline is not None and self._clock() > self._deadline


def output_size(content: dict) -> int:
    """Characters an output message adds to the notebook: its text, every representation of its
    data (an image counts as its base64 text) and its metadata."""
    size = len(content.get("text", ""))
    for value in (*content.get("data", {}).values(), content.get("metadata") or ""):
        size += len(value) if isinstance(value, str) else len(json.dumps(value, default=str))
    return size


class OutputBudget:
    """Characters of output kept per cell and per notebook, of every kind (text, HTML, images,
    JSON). Output is admitted message by message as it streams in, so an endless print or display
    is cut before it fills the grader's memory or the gradebook's notebook. Errors always pass: a
    failing test must stay failing."""

    KINDS = ("stream", "display_data", "execute_result")

    def __init__(self, cell_chars: int, notebook_chars: int):
        self.cell_chars, self.notebook_chars = cell_chars, notebook_chars
        self._used: dict[object, int] = {}
        self._total = 0

    def admit(self, msg: dict, cell: object) -> tuple[dict | None, NotebookNode | None]:
        """What of `msg` to keep in `cell` (None: nothing), and the note to add when this message
        is the one that went past a budget."""
        if msg["msg_type"] not in self.KINDS:
            return msg, None
        used = self._used.get(cell, 0)
        if used > self.cell_chars or self._total > self.notebook_chars:
            return None, None
        content = msg["content"]
        size = output_size(content)
        self._used[cell] = used + size
        self._total += size
        if used + size <= self.cell_chars and self._total <= self.notebook_chars:
            return msg, None
        room = min(self.cell_chars - used, self.notebook_chars - (self._total - size))
        kept = None
        if msg["msg_type"] == "stream" and room > 0:  # keep what fits of this message
            kept = {**msg, "content": {**content, "text": content["text"][:room]}}
        return kept, self.truncation_note(used + size > self.cell_chars)

    def admit_update(self, msg: dict, outputs: int) -> bool:
        """Whether a display update that rewrites `outputs` earlier outputs still fits."""
        size = output_size(msg["content"]) * outputs
        if self._total + size > self.notebook_chars:
            return False
        self._total += size
        return True

    def truncation_note(self, cell: bool = True) -> NotebookNode:
        limit = self.cell_chars if cell else self.notebook_chars
        text = (f"... output truncated: {'this cell' if cell else 'the notebook'} printed more "
                f"than {limit:,} characters ...")
        return nbformat.v4.new_output("display_data", data={"text/plain": text},
                                      metadata={vocabulary.OUTPUT_TRUNCATED: limit})
