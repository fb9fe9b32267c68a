"""notebooks/ is exactly what nbgrader generates from solutions/, and gives nothing away."""

import re
import shutil

import nbformat
import pytest
from nbgrader.utils import is_solution

from grader.authoring.generate import generate
from grader.course import COURSE_ROOT

SOLUTION_BLOCK = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION", re.DOTALL)
STUDENT_NOTEBOOKS = sorted(COURSE_ROOT.glob("notebooks/*/*.ipynb"))


def generate_in_copy(tmp_path):
    """Copy the sources and config to `tmp_path` and generate the student versions there."""
    shutil.copytree(COURSE_ROOT / "solutions", tmp_path / "solutions")
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", tmp_path)
    generate(course_root=tmp_path, quiet=True)


def test_student_notebooks_are_what_the_sources_generate(tmp_path):
    generate_in_copy(tmp_path)
    generated = {p.relative_to(tmp_path) for p in (tmp_path / "notebooks").rglob("*") if p.is_file()}
    committed = {p.relative_to(COURSE_ROOT) for p in (COURSE_ROOT / "notebooks").rglob("*") if p.is_file()}
    assert committed == generated, "run `make generate` and commit notebooks/"
    for path in sorted(generated):
        assert (COURSE_ROOT / path).read_bytes() == (tmp_path / path).read_bytes(), (
            f"{path} differs from what solutions/ generates: never edit a student notebook by "
            "hand; change the source and run `make generate`")


@pytest.mark.slow  # generates every lesson twice
def test_generating_twice_gives_identical_files(tmp_path):
    generate_in_copy(tmp_path)
    first = {p: p.read_bytes() for p in (tmp_path / "notebooks").rglob("*.ipynb")}
    generate(course_root=tmp_path, quiet=True)
    assert first == {p: p.read_bytes() for p in (tmp_path / "notebooks").rglob("*.ipynb")}


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=lambda path: path.parent.name)
def test_student_notebook_has_no_outputs_solutions_or_hidden_tests(path):
    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        where = f"{path.relative_to(COURSE_ROOT)} cell {index} (id {cell.get('id')!r})"
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{where} has outputs"
        for marker in ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"):
            assert marker not in cell.source, f"{where} contains {marker!r}"

    student_cells = {cell.metadata.get("nbgrader", {}).get("grade_id"): cell.source
                     for cell in notebook.cells}
    source = nbformat.read(COURSE_ROOT / "solutions" / path.parent.name / path.name, as_version=4)
    for cell in source.cells:
        if not is_solution(cell):
            continue
        grade_id = cell.metadata.nbgrader["grade_id"]
        solution = SOLUTION_BLOCK.search(cell.source).group(1)
        for line in filter(None, (line.strip() for line in solution.splitlines())):
            assert line not in student_cells[grade_id], (
                f"the student version of {grade_id!r} contains the solution line {line!r}")
