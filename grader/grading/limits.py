"""How grading holds a running notebook to its limits, and what a cell it stopped shows.

`ExecuteWithLimits` keeps one `TimeBudget` per notebook and one `OutputBudget` per execution;
the limits themselves, and the names of the failures written here, are in
`grader.grading.vocabulary`.
"""

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


class OutputBudget:
    """Characters of output kept per cell. Output is admitted message by message as it streams
    in, so an endless print is cut before it fills the grader's memory. Errors always pass: a
    failing test must stay failing. Only text is counted: a figure is bounded by its size."""

    def __init__(self, max_chars: int):
        self.max_chars = max_chars
        self._used: dict[int, int] = {}

    def admit(self, msg: dict, cell_index: int) -> tuple[dict | None, NotebookNode | None]:
        """What of `msg` to keep (None: nothing), and the note to add when this message is the
        one that went past the budget."""
        if msg["msg_type"] not in ("stream", "display_data", "execute_result"):
            return msg, None
        used = self._used.get(cell_index, 0)
        if used > self.max_chars:
            return None, None
        content = msg["content"]
        size = len(content.get("text", "")) + len(content.get("data", {}).get("text/plain", ""))
        self._used[cell_index] = used + size
        if used + size <= self.max_chars:
            return msg, None
        room = self.max_chars - used
        kept = None
        if msg["msg_type"] == "stream" and room > 0:  # keep what fits of this message
            kept = {**msg, "content": {**content, "text": content["text"][:room]}}
        return kept, self.truncation_note()

    def truncation_note(self) -> NotebookNode:
        text = (f"... output truncated: this cell printed more than {self.max_chars:,} "
                "characters ...")
        return nbformat.v4.new_output("display_data", data={"text/plain": text},
                                      metadata={vocabulary.OUTPUT_TRUNCATED: self.max_chars})
