"""nbgrader steps this course adds to autograding; `nbgrader_config.py` puts them in the pipeline.

- `ExecuteWithLimits` is nbgrader's `Execute` with what it lacks: each kernel runs in a sandbox
  (`grader.sandbox`), a kernel that dies (`os._exit`, a crash) or stops answering no longer fails
  the whole submission (nbgrader issue #1083), and each notebook has a total time budget and each
  cell an output budget.
- `DeduplicateIdsCleanly` is nbgrader's `DeduplicateIds` without its bug: a copied graded cell
  made the whole submission fail with "old version of the nbgrader metadata format".
- `ReplayExecution` stands where `Execute` stands when `grader.autograde` has already executed the
  submission in a worker process: it copies that execution's outputs, so nbgrader's own
  `SaveAutoGrades` records exactly what a serial `nbgrader autograde` would record.

Cells that a limit stopped carry an error output whose `ename` is in `LIMIT_ERRORS`, so they earn
no points and `grader.problems` can name the reason in the class report.
"""

import time

import nbformat
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import DeduplicateIds, Execute, NbGraderPreprocessor
from traitlets import Bool, Integer, Unicode

from grader.sandbox import SandboxedKernelManager, check_sandbox

KERNEL_DIED = "KernelDied"
NOTEBOOK_TIME_LIMIT = "NotebookTimeLimit"
OUTPUT_TRUNCATED = "... output truncated: this cell printed more than {limit:,} characters ..."
LIMIT_ERRORS = (KERNEL_DIED, NOTEBOOK_TIME_LIMIT, "CellTimeoutError")


def limit_error(ename: str, evalue: str) -> NotebookNode:
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue,
                                  traceback=[f"{ename}: {evalue}"])


class ExecuteWithLimits(Execute):
    """Execute a submission; a dead kernel or a spent time budget stops it, not the grading run."""

    notebook_timeout = Integer(
        600, help="Seconds a whole notebook may run; later cells are not run and earn nothing."
    ).tag(config=True)

    max_output_chars = Integer(
        100_000, help="Characters of output kept per cell; the rest is dropped, with a note."
    ).tag(config=True)

    sandbox = Bool(
        True, help="Run each kernel in a bubblewrap sandbox (grader/sandbox.py); refuse to "
        "execute where bubblewrap cannot run. False runs students' code unconfined."
    ).tag(config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.sandbox:
            self.kernel_manager_class = SandboxedKernelManager

    def preprocess(self, nb, resources=None, km=None):
        if self.sandbox:
            check_sandbox()
        self._deadline = None  # set when the first cell starts: kernel start-up is not counted
        self._stopped: NotebookNode | None = None  # the error output that later cells get
        self._output_chars: dict[int, int] = {}
        return super().preprocess(nb, resources, km)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code":
            return cell, resources
        if self._deadline is None:
            self._deadline = time.monotonic() + self.notebook_timeout
        if self._stopped is None and time.monotonic() > self._deadline:
            cell.outputs = [limit_error(
                NOTEBOOK_TIME_LIMIT, f"the notebook ran past its {self.notebook_timeout} s "
                "budget before this cell; it and the cells after it were not run")]
            self._stopped = limit_error(NOTEBOOK_TIME_LIMIT, "not run: the notebook's time ran out")
            return cell, resources
        if self._stopped is not None:
            cell.outputs = [self._stopped]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            reason = "the kernel died while running this cell (for example os._exit or a crash)"
        except CellTimeoutError:  # nbgrader interrupts a cell at its time limit; this one ignored it
            reason = "the kernel ignored the interrupt at the per-cell time limit and was stopped"
        except Exception as error:
            reason = f"the kernel stopped responding while running this cell ({type(error).__name__})"
        cell.outputs.append(limit_error(KERNEL_DIED, reason))
        self._stopped = limit_error(KERNEL_DIED, "not run: the kernel stopped in an earlier cell")
        return cell, resources

    def output(self, outs, msg, display_id, cell_index):
        # Runs for each output message, so an endless print is cut as it streams in and never
        # fills the grader's memory. Errors always pass: a failing test must stay failing.
        if msg["msg_type"] in ("stream", "display_data", "execute_result"):
            used = self._output_chars.get(cell_index, 0)
            if used > self.max_output_chars:
                return None
            content = msg["content"]  # text only: a figure's image is bounded by its size
            size = len(content.get("text", "")) + len(content.get("data", {}).get("text/plain", ""))
            self._output_chars[cell_index] = used + size
            if used + size > self.max_output_chars:
                room = self.max_output_chars - used
                if msg["msg_type"] == "stream" and room > 0:  # keep what fits of this message
                    kept = {**content, "text": content["text"][:room]}
                    super().output(outs, {**msg, "content": kept}, display_id, cell_index)
                note = OUTPUT_TRUNCATED.format(limit=self.max_output_chars)
                outs.append(nbformat.v4.new_output("stream", name="stdout", text="\n" + note + "\n"))
                return None
        return super().output(outs, msg, display_id, cell_index)


class DeduplicateIdsCleanly(DeduplicateIds):
    """Keep the last copy of a duplicated graded cell; the others become ordinary cells."""

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.metadata.get("nbgrader") == {}:  # nbgrader's way leaves a schema-less husk
            del cell.metadata["nbgrader"]
        return cell, resources


class ReplayExecution(NbGraderPreprocessor):
    """Give each code cell the outputs it got when a worker executed this same submission."""

    executed_directory = Unicode(
        help="Folder holding the executed notebooks as {student}/{assignment}/{notebook}.ipynb."
    ).tag(config=True)

    def preprocess(self, nb, resources):
        ids = resources["nbgrader"]
        path = (f"{self.executed_directory}/{ids['student']}/{ids['assignment']}/"
                f"{ids['notebook']}.ipynb")
        executed = nbformat.read(path, as_version=nbformat.NO_CONVERT)
        sources = [cell.source for cell in nb.cells]
        if sources != [cell.source for cell in executed.cells]:
            raise ValueError(f"{path} is not an execution of this submission's cells")
        for cell, ran in zip(nb.cells, executed.cells):
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = ran.outputs, ran.execution_count
        nb.metadata["language_info"] = executed.metadata.get("language_info", {})
        return nb, resources
