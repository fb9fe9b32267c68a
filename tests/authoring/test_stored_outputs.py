"""Stored outputs of the instructor sources are reproducible (nbval compares against them)."""


import nbformat
import pytest

from grader.authoring.outputs import output_problems
from grader.authoring.pytest_plugin import CUDA_CELL_TAG
from grader.course import COURSE_ROOT

SOURCES = sorted(COURSE_ROOT.glob("solutions/*/*.ipynb"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.parent.name)
def test_source_has_reproducible_outputs_and_minimal_metadata(path):
    notebook = nbformat.read(path, as_version=4)
    assert output_problems(notebook) == [], "fix the cells, then run `make outputs`"
    code = [cell for cell in notebook.cells if cell.cell_type == "code"
            and CUDA_CELL_TAG not in cell.metadata.get("tags", [])]
    assert [cell.execution_count for cell in code] == list(range(1, len(code) + 1)), (
        "the stored outputs do not come from one top-to-bottom run: run `make outputs`")
    assert not any("execution" in cell.metadata for cell in notebook.cells), "timings stored"
    assert notebook.metadata.get("language_info") == {"name": "python"}


def test_output_problems_flags_what_does_not_reproduce():
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("print(object())", outputs=[nbformat.v4.new_output(
            "stream", name="stdout", text="<object object at 0x7f1e2c3d4e50>\n")]),
        nbformat.v4.new_code_cell("import warnings", outputs=[nbformat.v4.new_output(
            "stream", name="stderr", text="UserWarning: careful\n")]),
        nbformat.v4.new_code_cell("open('x')", outputs=[nbformat.v4.new_output(
            "execute_result", data={"text/plain": "'/home/student/x'"}, execution_count=3)]),
        nbformat.v4.new_code_cell("print(time)", metadata={"tags": ["nbval-ignore-output"]},
                                  outputs=[nbformat.v4.new_output(
                                      "stream", name="stderr", text="0x7f1e2c3d4e50 took 3 ms")]),
    ])
    problems = output_problems(notebook)
    assert len(problems) == 3, problems
    assert "memory address" in problems[0] and "stderr" in problems[1] and "path" in problems[2]
