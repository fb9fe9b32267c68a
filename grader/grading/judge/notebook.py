"""What grading sends the judge, and how the judge's verdicts come back into the submission.

The judge's notebook holds the submission's read-only cells, a cell that makes the kernel the
judge (`grader.grading.judge.kernel.install`), and the test cells. Beside it, in the judge's work
folder, lies the spec: the read-only cells and every answer cell's source, with how that cell
ended in the student's kernel, so that the answer process (`grader.grading.judge.answers`) runs
the same cells. The spec holds no test.
"""

import json
from pathlib import Path

import nbformat
from nbformat.notebooknode import NotebookNode
from nbgrader.utils import is_grade, is_locked, is_solution

from grader.grading import vocabulary
from grader.grading.limits import failure_output

SPEC_FILE = "judge-spec.json"
INSTALL_JUDGE = f"from grader.grading.judge.kernel import install\ninstall({SPEC_FILE!r})"


def graded_tests(nb: NotebookNode) -> list[int]:
    """The indices of the autograder test cells: graded code cells that are not answers."""
    return [index for index, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and is_grade(cell) and not is_solution(cell)]


def answer_status(cell: NotebookNode) -> dict:
    """How an executed answer cell ended: ok, raised, not-run, or unfinished (with the reason)."""
    errors = [output for output in cell.get("outputs", []) if output.output_type == "error"]
    for output in errors:  # a cell stopped at its time limit also shows the KeyboardInterrupt
        if output.ename == vocabulary.NOT_RUN:
            return {"status": "not-run", "reason": ""}
        if output.ename == vocabulary.KERNEL_DIED:
            return {"status": "unfinished", "reason": "stopped the kernel"}
        if output.ename in vocabulary.STOPPED_BY_GRADING:
            return {"status": "unfinished", "reason": "timed out"}
    if errors:
        return {"status": "raised", "reason": ""}
    return {"status": "ok", "reason": ""}


def setup_cells(nb: NotebookNode) -> list[NotebookNode]:
    """The read-only code cells: the lesson's imports and helpers, which both the judge and the
    answer process run first."""
    return [cell for cell in nb.cells if cell.cell_type == "code" and is_locked(cell)
            and not is_grade(cell) and not is_solution(cell)]


def write_spec(nb: NotebookNode, folder: Path) -> None:
    """The read-only cells, and the answer cells as the student's kernel left them, for the judge
    in `folder`."""
    spec = {"setup": [cell.source for cell in setup_cells(nb)], "functions": [], "answers": []}
    for cell in nb.cells:
        if cell.cell_type == "code" and is_solution(cell) and not is_grade(cell):
            name = cell.metadata["nbgrader"]["grade_id"]
            spec["functions"].append(name)
            spec["answers"].append({"name": name, "source": cell.source, **answer_status(cell)})
    (folder / SPEC_FILE).write_text(json.dumps(spec))


def judge_notebook(nb: NotebookNode, tests: list[int]) -> NotebookNode:
    """The read-only cells, the cell that installs the judge, then the test cells `tests`."""
    setup = setup_cells(nb)
    setup.append(nbformat.v4.new_code_cell(INSTALL_JUDGE))
    judged = nbformat.v4.new_notebook(
        metadata=nb.metadata,
        cells=[nbformat.from_dict(cell) for cell in setup]
        + [nbformat.from_dict(nb.cells[index]) for index in tests])
    judged.metadata["grader_setup_cells"] = len(setup)
    return judged


def take_verdicts(nb: NotebookNode, judged: NotebookNode, tests: list[int]) -> list[int]:
    """Copy the judged test cells' outputs into `nb`; return the tests still to judge.

    A judge that died takes the tests after the one that killed it with it: they get a fresh
    judge. A judge that could not start fails every test it was given."""
    setup = judged.metadata.pop("grader_setup_cells")
    setup_error = next((output for cell in judged.cells[:setup] for output in cell.outputs
                        if output.output_type == "error"), None)
    for position, (index, ran) in enumerate(zip(tests, judged.cells[setup:])):
        if setup_error is not None:
            nb.cells[index].outputs = [failure_output(
                vocabulary.JUDGE_FAILED,
                f"the tests could not run: {setup_error.ename}: {setup_error.evalue}")]
            continue
        nb.cells[index].outputs = ran.outputs
        nb.cells[index].execution_count = ran.execution_count
        if any(output.get("ename") == vocabulary.KERNEL_DIED for output in ran.outputs):
            return tests[position + 1:]
    return []
