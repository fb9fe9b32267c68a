"""nbgrader steps this course adds to autograding; `nbgrader_config.py` puts them in the pipeline.

- `ExecuteWithLimits` is nbgrader's `Execute` with what it lacks: each kernel runs in a sandbox
  (`grader.sandbox`), a kernel that dies (`os._exit`, a crash) or stops answering no longer fails
  the whole submission (nbgrader issue #1083), and each notebook has a total time budget and each
  cell an output budget. The test cells do not run in the student's kernel, where an answer could
  tamper with them, but in a second kernel, the judge (`grader.judge`), which calls the student's
  functions in forked children.
- `DeduplicateIdsCleanly` is nbgrader's `DeduplicateIds` without its bug: a copied graded cell
  made the whole submission fail with "old version of the nbgrader metadata format".
- `ReplayExecution` stands where `Execute` stands when `grader.autograde` has already executed the
  submission in a worker process: it copies that execution's outputs, so nbgrader's own
  `SaveAutoGrades` records exactly what a serial `nbgrader autograde` would record.

Cells that a limit stopped carry an error output whose `ename` is in `LIMIT_ERRORS`, so they earn
no points and `grader.problems` can name the reason in the class report.
"""

import json
import os
import tempfile
import time
from pathlib import Path

import nbformat
from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import DeduplicateIds, Execute, NbGraderPreprocessor
from nbgrader.utils import is_grade, is_locked, is_solution
from traitlets import Bool, Integer, Unicode

from grader.sandbox import SandboxedKernelManager, check_sandbox

KERNEL_DIED = "KernelDied"
NOTEBOOK_TIME_LIMIT = "NotebookTimeLimit"
JUDGE_FAILED = "JudgeFailed"
OUTPUT_TRUNCATED = "... output truncated: this cell printed more than {limit:,} characters ..."
LIMIT_ERRORS = (KERNEL_DIED, NOTEBOOK_TIME_LIMIT, "CellTimeoutError", JUDGE_FAILED)
# The judge sees no GPU: it forks, which CUDA does not survive, and every grade is then decided
# against the same CUDA stand-in (grader.cuda_standin), on a laptop as on a GPU server.
JUDGE_ENVIRONMENT = {"GRADER_JUDGE": "1", "CUDA_VISIBLE_DEVICES": ""}
SPEC_FILE = "judge-spec.json"  # the answer cells and how they ended, for the judge
INSTALL_JUDGE = f"from grader.judge import install\ninstall({SPEC_FILE!r})"


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

    judge = Bool(
        True, help="Run the test cells in a separate judge kernel (grader/judge.py), out of reach "
        "of the answers; False runs them in the student's kernel, as plain nbgrader does."
    ).tag(config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.sandbox:
            self.kernel_manager_class = SandboxedKernelManager
        self._judging = False
        self._not_here: set[int] = set()

    def preprocess(self, nb, resources=None, km=None):
        if self.sandbox:
            check_sandbox()
        self._deadline = None  # set when the first cell starts: kernel start-up is not counted
        tests = [index for index, cell in enumerate(nb.cells)
                 if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell)]
        self._not_here = set(tests) if self.judge else set()
        nb, resources = self._execute(nb, resources, km)
        if self._not_here:
            self._not_here = set()
            self._judge_tests(nb, resources, tests)
        return nb, resources

    def _execute(self, nb, resources, km=None):
        self._stopped: NotebookNode | None = None  # the error output that later cells get
        self._output_chars: dict[int, int] = {}
        return super().preprocess(nb, resources, km)

    def _judge_tests(self, nb, resources, tests):
        """Run the test cells in judge kernels; a judge that dies is replaced for the next test."""
        setup = [cell for cell in nb.cells if cell.cell_type == "code" and is_locked(cell)
                 and not is_grade(cell) and not is_solution(cell)]
        setup.append(nbformat.v4.new_code_cell(INSTALL_JUDGE))
        spec = {"functions": [], "answers": []}
        for cell in nb.cells:
            if cell.cell_type == "code" and is_solution(cell) and not is_grade(cell):
                name = cell.metadata["nbgrader"]["grade_id"]
                spec["functions"].append(name)
                spec["answers"].append({"name": name, "source": cell.source, **answer_status(cell)})
        while tests:
            with tempfile.TemporaryDirectory(prefix="grader-judge-") as folder:
                Path(folder, SPEC_FILE).write_text(json.dumps(spec))
                judged = nbformat.v4.new_notebook(
                    metadata=nb.metadata,
                    cells=[nbformat.from_dict(cell) for cell in setup]
                    + [nbformat.from_dict(nb.cells[index]) for index in tests])
                self._judging = True
                try:
                    self._execute(judged, {**resources, "metadata": {"path": folder}})
                finally:
                    self._judging = False
            setup_error = next((output for cell in judged.cells[:len(setup)]
                                for output in cell.outputs if output.output_type == "error"), None)
            for index, ran in zip(list(tests), judged.cells[len(setup):]):
                tests.remove(index)
                if setup_error is not None:  # the judge could not start: nothing can be graded
                    nb.cells[index].outputs = [limit_error(
                        JUDGE_FAILED, f"the tests could not run: {setup_error.ename}: "
                        f"{setup_error.evalue}")]
                    continue
                nb.cells[index].outputs = ran.outputs
                nb.cells[index].execution_count = ran.execution_count
                if any(output.get("ename") == KERNEL_DIED for output in ran.outputs):
                    break  # the tests after this one get a fresh judge

    async def async_start_new_kernel(self, **kwargs):
        if self._judging:
            kwargs["env"] = {**os.environ, **JUDGE_ENVIRONMENT}
        return await super().async_start_new_kernel(**kwargs)

    # nbclient binds this name to its own coroutine, not to the override above.
    start_new_kernel = run_sync(async_start_new_kernel)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or index in self._not_here:
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


def answer_status(cell: NotebookNode) -> dict:
    """How an executed answer cell ended: ok, raised, not-run, or unfinished (with the reason)."""
    errors = [output for output in cell.get("outputs", []) if output.output_type == "error"]
    for output in errors:  # a cell stopped at its time limit also shows the KeyboardInterrupt
        if output.ename in LIMIT_ERRORS:
            if output.evalue.startswith("not run"):
                return {"status": "not-run", "reason": ""}
            reason = "stopped the kernel" if output.ename == KERNEL_DIED else "timed out"
            return {"status": "unfinished", "reason": reason}
    if errors:
        return {"status": "raised", "reason": ""}
    return {"status": "ok", "reason": ""}


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
