"""The student versions run top to bottom: only the exercises' test cells fail, and they fail
because the answer is missing (NotImplementedError), not because the lesson around them broke."""


import nbformat
import pytest
from nbclient import NotebookClient
from grader.course import COURSE_ROOT

pytestmark = pytest.mark.slow  # executes whole lessons

STUDENT_NOTEBOOKS = sorted(COURSE_ROOT.glob("notebooks/*/*.ipynb"))


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=lambda path: path.parent.name)
def test_only_the_unanswered_exercises_fail(path, tmp_path):
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    tests_run = 0
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        where = f"cell {index} (id {cell.get('id')!r})"
        errors = [output for output in cell.outputs if output.output_type == "error"]
        stderr = [output.text for output in cell.outputs
                  if output.output_type == "stream" and output.name == "stderr"]
        assert not stderr, f"{where} writes to stderr: {stderr}"
        if cell.metadata.get("nbgrader", {}).get("grade"):
            tests_run += 1
            assert [error.ename for error in errors] == ["NotImplementedError"], (
                f"{where}, a test cell, should fail only for the missing answer; got "
                f"{[(error.ename, error.evalue) for error in errors]}")
        else:
            assert not errors, f"{where} fails in the student version: {errors[0].ename}: {errors[0].evalue}"
    assert tests_run > 0
