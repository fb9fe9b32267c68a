"""`ExecuteWithLimits`: nbgrader's `Execute` with what grading a class needs.

- Each kernel runs in the bubblewrap sandbox (`grader.grading.sandbox`), unless `sandbox` is off.
- The test cells do not run in the student's kernel, where an answer could tamper with them, but
  in a second kernel, the judge (`grader.grading.judge`), unless `judge` is off.
- A kernel that dies (`os._exit`, a crash) or ignores the interrupt at the cell time limit costs
  the submission the cells it did not run, not the whole submission (nbgrader issue #1083); so does
  a spent notebook time budget (`grader.grading.limits.TimeBudget`). Output has a budget per cell
  and per notebook (`grader.grading.limits.OutputBudget`).
- A limit that the sandbox enforced on a process the cell started (a process killed for memory, a
  refused fork: the cgroups of `grader.grading.sandbox.kernel_manager`) is named in that cell.

A cell that a limit stopped carries an error output named in `grader.grading.vocabulary`, so it
earns no points and `grader.grading.problems` can say why. Any other exception is a fault of the
grader, not of the submission, and propagates.
"""

import os
import tempfile
from pathlib import Path

from jupyter_core.utils import run_sync
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbgrader.preprocessors import Execute
from traitlets import Bool, Integer

from grader.grading import vocabulary
from grader.grading.judge.notebook import graded_tests, judge_notebook, take_verdicts, write_spec
from grader.grading.limits import OutputBudget, TimeBudget, failure_output, not_run
from grader.grading.sandbox.bubblewrap import check_sandbox
from grader.grading.sandbox.kernel_manager import SandboxedKernelManager


class ExecuteWithLimits(Execute):
    """Execute a submission; a dead kernel or a spent time budget stops it, not the grading run."""

    notebook_timeout = Integer(
        vocabulary.NOTEBOOK_TIMEOUT.default, help=vocabulary.NOTEBOOK_TIMEOUT.meaning
    ).tag(config=True)

    max_output_chars = Integer(
        vocabulary.MAX_OUTPUT_CHARS.default, help=vocabulary.MAX_OUTPUT_CHARS.meaning
    ).tag(config=True)

    max_notebook_output_chars = Integer(
        vocabulary.MAX_NOTEBOOK_OUTPUT_CHARS.default,
        help=vocabulary.MAX_NOTEBOOK_OUTPUT_CHARS.meaning
    ).tag(config=True)

    sandbox = Bool(
        True, help="Run each kernel in a bubblewrap sandbox (grader/grading/sandbox/); refuse to "
        "execute where bubblewrap cannot run. False runs students' code unconfined."
    ).tag(config=True)

    judge = Bool(
        True, help="Run the test cells in a separate judge kernel (grader/grading/judge/), out of "
        "reach of the answers; False runs them in the student's kernel, as plain nbgrader does."
    ).tag(config=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.sandbox:
            self.kernel_manager_class = SandboxedKernelManager

    def preprocess(self, nb, resources=None, km=None):
        if self.sandbox:
            check_sandbox()
        # The student's kernel and the judge share the notebook's budgets.
        self._time = TimeBudget(self.notebook_timeout)
        self._outputs = OutputBudget(self.max_output_chars, self.max_notebook_output_chars)
        tests = graded_tests(nb) if self.judge else []
        self._run(nb, resources, skipped=set(tests))
        while tests:  # a judge that dies is replaced for the tests after the one it died in
            with tempfile.TemporaryDirectory(prefix="grader-judge-") as folder:
                write_spec(nb, Path(folder))
                judged = judge_notebook(nb, tests)
                self._run(judged, {**resources, "metadata": {"path": folder}},
                          environment=vocabulary.JUDGE_ENVIRONMENT)
            tests = take_verdicts(nb, judged, tests)
        return nb, resources

    def _run(self, nb, resources, *, skipped=frozenset(), environment=None):
        """Execute `nb` in a new kernel, leaving the cells `skipped` as they are."""
        self._skipped, self._environment = skipped, environment
        self._stopped = None  # the error output that the cells after a stop get
        return super().preprocess(nb, resources)

    async def async_start_new_kernel(self, **kwargs):
        if self._environment:
            kwargs["env"] = {**os.environ, **self._environment}
        return await super().async_start_new_kernel(**kwargs)

    async def async_start_new_kernel_client(self):
        client = await super().async_start_new_kernel_client()
        if isinstance(self.km, SandboxedKernelManager):
            # The kernel has read its connection file and the grader keeps it in memory: on disk
            # it would hand the signing key to code the kernel runs (the judge's children).
            self.km.cleanup_connection_file()
            self.km.seal_socket_folder()
        return client

    # nbclient binds these names to its own coroutines, not to the overrides above.
    start_new_kernel = run_sync(async_start_new_kernel)
    start_new_kernel_client = run_sync(async_start_new_kernel_client)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or index in self._skipped:
            return cell, resources
        self._time.start()
        if self._stopped is None and self._time.spent():
            cell.outputs = [failure_output(
                vocabulary.NOTEBOOK_TIME_LIMIT, f"the notebook ran past its "
                f"{self.notebook_timeout} s budget before this cell; it and the cells after it "
                "were not run")]
            self._stopped = not_run("the notebook's time ran out")
            return cell, resources
        if self._stopped is not None:
            cell.outputs = [self._stopped]
            return cell, resources
        hits = self._limit_hits()
        try:
            super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._stop(cell, "the kernel died while running this cell (for example os._exit or "
                             "a crash)")
        except CellTimeoutError:  # interrupted at the cell time limit, the kernel went on
            self._stop(cell, "the kernel ignored the interrupt at the per-cell time limit and "
                             "was stopped")
        self._name_limit_hits(cell, hits)
        return cell, resources

    def _stop(self, cell, reason: str) -> None:
        cell.outputs.append(failure_output(vocabulary.KERNEL_DIED, reason))
        self._stopped = not_run("the kernel stopped in an earlier cell")

    def _limit_hits(self) -> dict[str, int]:
        """What the sandbox refused so far (grader.grading.sandbox.kernel_manager.limit_hits)."""
        return self.km.limit_hits() if hasattr(self.km, "limit_hits") else {}

    def _name_limit_hits(self, cell, before: dict[str, int]) -> None:
        """The limits the sandbox enforced on processes this cell started, which their own
        errors (a shell's, a killed child's) do not always bring back to the cell."""
        after = self._limit_hits()
        if after.get("memory", 0) > before.get("memory", 0):
            cell.outputs.append(failure_output(
                vocabulary.MEMORY_LIMIT, "the sandbox killed a process this cell ran: together, "
                f"its processes held more than {self.km.memory_limit_mb} MiB"))
        if after.get("pids", 0) > before.get("pids", 0):
            cell.outputs.append(failure_output(
                vocabulary.PROCESS_LIMIT, "the sandbox refused to start a process this cell "
                f"asked for: it may hold at most {self.km.max_tasks} processes and threads"))

    def output(self, outs, msg, display_id, cell_index):
        kept, note = self._outputs.admit(msg, id(self.nb.cells[cell_index]))
        out = None if kept is None else super().output(outs, kept, display_id, cell_index)
        if note is not None:
            outs.append(note)
        return out

    def _update_display_id(self, display_id, msg):
        # An update rewrites earlier outputs in place, past `output`: it is counted here.
        outputs = sum(map(len, self._display_id_map.get(display_id, {}).values()))
        if self._outputs.admit_update(msg, outputs):
            super()._update_display_id(display_id, msg)
