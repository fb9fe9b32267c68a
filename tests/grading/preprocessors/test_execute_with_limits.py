"""ExecuteWithLimits on small notebooks: its limits, in a real (sandboxed) kernel."""

import tempfile

import nbformat
import pytest
from nbclient.exceptions import DeadKernelError
from nbgrader.preprocessors import Execute

from grader.grading.preprocessors import ExecuteWithLimits
from grader.grading.vocabulary import KERNEL_DIED, NOT_RUN, NOTEBOOK_TIME_LIMIT, OUTPUT_TRUNCATED
from support.grading import SANDBOXED


def executed(*sources, **limits):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    notebook.metadata.kernelspec = {"name": "python3", "display_name": "Python 3",
                                    "language": "python"}
    with tempfile.TemporaryDirectory() as work_folder:  # short: it holds the kernel's sockets
        ExecuteWithLimits(sandbox=SANDBOXED, **limits).preprocess(
            notebook, {"metadata": {"path": work_folder}})
    return notebook.cells


def errors(cell) -> list[str]:
    return [f"{o.ename}: {o.evalue}" for o in cell.outputs if o.output_type == "error"]


def test_cells_after_the_notebook_budget_are_not_run():
    cells = executed("import time\ntime.sleep(1.5)", "print('late')", "print('later')",
                     notebook_timeout=1)
    assert errors(cells[0]) == []
    assert [o.get("text") for o in cells[1].outputs if o.output_type == "stream"] == []
    assert errors(cells[1])[0].startswith(f"{NOTEBOOK_TIME_LIMIT}: the notebook ran past its 1 s")
    assert errors(cells[2]) == [f"{NOT_RUN}: not run: the notebook's time ran out"]


def test_output_is_cut_at_the_limit_but_an_error_after_it_is_kept():
    cells = executed("for _ in range(100):\n    print('x' * 1000)\nraise ValueError('wrong')",
                     max_output_chars=10_000)
    text = "".join(o.text for o in cells[0].outputs if o.output_type == "stream")
    assert len(text) == 10_000
    notes = [o for o in cells[0].outputs if OUTPUT_TRUNCATED in o.get("metadata", {})]
    assert [note.data["text/plain"] for note in notes] == [
        "... output truncated: this cell printed more than 10,000 characters ..."]
    assert errors(cells[0]) == ["ValueError: wrong"]



def stored_chars(cell) -> int:
    return len(nbformat.writes(nbformat.v4.new_notebook(cells=[cell])))


def test_rich_output_and_display_updates_count_against_the_budgets():
    flood = ("from IPython.display import HTML, display\n"
             "for _ in range(50):\n    display(HTML('<p>' + 'x' * 10_000 + '</p>'))")
    updates = ("from IPython.display import HTML, display\n"
               "handles = [display(HTML('small'), display_id=True) for _ in range(20)]\n"
               "for handle in handles:\n    handle.update(HTML('y' * 100_000))")
    cells = executed(flood, updates, max_output_chars=50_000, max_notebook_output_chars=200_000)
    assert stored_chars(cells[0]) < 60_000
    assert [o.data["text/plain"] for o in cells[0].outputs if OUTPUT_TRUNCATED in o.metadata] == [
        "... output truncated: this cell printed more than 50,000 characters ..."]
    assert stored_chars(cells[1]) < 200_000 - 50_000

@pytest.mark.parametrize("death", ["import os\nos._exit(3)", "import os, signal\n"
                                   "os.kill(os.getpid(), signal.SIGKILL)"])
def test_a_dead_kernel_fails_its_cell_and_skips_the_rest(death):
    cells = executed("x = 1", death, "print(x)")
    assert errors(cells[1])[0].startswith(f"{KERNEL_DIED}: the kernel died while running")
    assert errors(cells[2]) == [f"{NOT_RUN}: not run: the kernel stopped in an earlier cell"]


def test_a_fault_of_the_grader_stops_grading_instead_of_passing_for_a_dead_kernel(monkeypatch):
    def grader_bug(self, cell, resources, index):
        raise KeyError("a bug in the grader")

    monkeypatch.setattr(Execute, "preprocess_cell", grader_bug)
    with pytest.raises(KeyError, match="a bug in the grader"):
        executed("x = 1")


def test_a_kernel_that_died_is_the_submissions_loss(monkeypatch):  # the control of the test above
    def dies(self, cell, resources, index):
        raise DeadKernelError("Kernel died")

    monkeypatch.setattr(Execute, "preprocess_cell", dies)
    cells = executed("x = 1", "y = 2")
    assert errors(cells[0])[0].startswith(f"{KERNEL_DIED}: the kernel died while running")
    assert errors(cells[1]) == [f"{NOT_RUN}: not run: the kernel stopped in an earlier cell"]
