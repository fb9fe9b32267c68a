"""`ExecuteWithLimits`: nbgrader's `Execute` with what grading a class needs.

- Each kernel runs in the bubblewrap sandbox (`grader.grading.sandbox`), unless `sandbox` is off.
- The test cells do not run in the student's kernel, where an answer could tamper with them, but
  in a second kernel, the judge (`grader.grading.judge`), unless `judge` is off.
- A kernel that dies (`os._exit`, a crash) or ignores the interrupt at the cell time limit costs
  the submission the cells it did not run, not the whole submission (nbgrader issue #1083); so does
  a spent notebook time budget (`grader.grading.limits.TimeBudget`). Each cell has an output
  budget (`grader.grading.limits.OutputBudget`).

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
        budget = TimeBudget(self.notebook_timeout)  # the student's kernel and the judge share it
        tests = graded_tests(nb) if self.judge else []
        self._run(nb, resources, budget, skipped=set(tests))
        while tests:  # a judge that dies is replaced for the tests after the one it died in
            with tempfile.TemporaryDirectory(prefix="grader-judge-") as folder:
                write_spec(nb, Path(folder))
                judged = judge_notebook(nb, tests)
                self._run(judged, {**resources, "metadata": {"path": folder}}, budget,
                          environment=vocabulary.JUDGE_ENVIRONMENT)
            tests = take_verdicts(nb, judged, tests)
        return nb, resources

    def _run(self, nb, resources, budget: TimeBudget, *, skipped=frozenset(), environment=None):
        """Execute `nb` in a new kernel, leaving the cells `skipped` as they are."""
        self._budget, self._skipped, self._environment = budget, skipped, environment
        self._outputs = OutputBudget(self.max_output_chars)
        self._stopped = None  # the error output that the cells after a stop get
        return super().preprocess(nb, resources)

    async def async_start_new_kernel(self, **kwargs):
        if self._environment:
            kwargs["env"] = {**os.environ, **self._environment}
        return await super().async_start_new_kernel(**kwargs)

    # nbclient binds this name to its own coroutine, not to the override above.
    start_new_kernel = run_sync(async_start_new_kernel)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or index in self._skipped:
            return cell, resources
        self._budget.start()
        if self._stopped is None and self._budget.spent():
            cell.outputs = [failure_output(
                vocabulary.NOTEBOOK_TIME_LIMIT, f"the notebook ran past its "
                f"{self.notebook_timeout} s budget before this cell; it and the cells after it "
                "were not run")]
            self._stopped = not_run("the notebook's time ran out")
            return cell, resources
        if self._stopped is not None:
            cell.outputs = [self._stopped]
            return cell, resources
        try:
            return super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            reason = "the kernel died while running this cell (for example os._exit or a crash)"
        except CellTimeoutError:  # interrupted at the cell time limit, the kernel went on
            reason = "the kernel ignored the interrupt at the per-cell time limit and was stopped"
        cell.outputs.append(failure_output(vocabulary.KERNEL_DIED, reason))
        self._stopped = not_run("the kernel stopped in an earlier cell")
        return cell, resources

    def output(self, outs, msg, display_id, cell_index):
        kept, note = self._outputs.admit(msg, cell_index)
        out = None if kept is None else super().output(outs, kept, display_id, cell_index)
        if note is not None:
            outs.append(note)
        return out
