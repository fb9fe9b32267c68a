"""Every instructor source and student notebook follows the exercise contract (grader.contract)."""


import nbformat
import pytest

from grader.contract import LESSONS, LESSONS_BY_FOLDER
from grader.authoring.contract_check import contract_problems
from grader.course import COURSE_ROOT

NOTEBOOKS = (sorted(COURSE_ROOT.glob("solutions/*/*.ipynb"))
             + sorted(COURSE_ROOT.glob("notebooks/*/*.ipynb")))


def test_contract_totals_match_the_syllabus():
    assert len(LESSONS) == 5
    assert sum(len(lesson.exercises) for lesson in LESSONS) == 21
    assert sum(lesson.points for lesson in LESSONS) == 29
    assert [lesson.points for lesson in LESSONS] == [5, 8, 6, 6, 4]


@pytest.mark.parametrize("top", ["solutions", "notebooks"])
def test_each_lesson_folder_holds_exactly_its_contract_notebook(top):
    folders = sorted(path for path in (COURSE_ROOT / top).iterdir() if path.is_dir())
    assert folders, f"{top}/ holds no lesson"
    for folder in folders:
        assert folder.name in LESSONS_BY_FOLDER, f"{top}/{folder.name} is not a lesson of the contract"
        notebooks = sorted(path.name for path in folder.glob("*.ipynb"))
        assert notebooks == [LESSONS_BY_FOLDER[folder.name].notebook], f"{top}/{folder.name}"


def test_every_source_has_its_student_version():
    sources = {path.parent.name for path in COURSE_ROOT.glob("solutions/*/*.ipynb")}
    students = {path.parent.name for path in COURSE_ROOT.glob("notebooks/*/*.ipynb")}
    assert sources == students, "run `make release` to regenerate notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: str(path.relative_to(COURSE_ROOT)))
def test_notebook_follows_the_contract(path):
    notebook = nbformat.read(path, as_version=4)
    lesson = LESSONS_BY_FOLDER[path.parent.name]
    problems = contract_problems(notebook, lesson, is_source=path.parts[-3] == "solutions")
    assert not problems, "\n".join(problems)


# The checker itself must catch broken notebooks, or the tests above prove nothing.

def _source_01():
    return nbformat.read(COURSE_ROOT / "solutions/01-conversion/conversion.ipynb", as_version=4)


def _cell(notebook, grade_id):
    return next(cell for cell in notebook.cells
                if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _problems(notebook):
    return contract_problems(notebook, LESSONS_BY_FOLDER["01-conversion"], is_source=True)


def test_checker_names_a_missing_grade_id():
    notebook = _source_01()
    _cell(notebook, "test_numpy_dtype_of").metadata.nbgrader["grade_id"] = "test_dtype"
    problems = _problems(notebook)
    assert any("no test cell has grade_id 'test_numpy_dtype_of'" in p for p in problems)
    assert any("'test_dtype'" in p and "not in the contract" in p for p in problems)


def test_checker_names_wrong_points():
    notebook = _source_01()
    _cell(notebook, "test_array_to_tensor").metadata.nbgrader["points"] = 2
    assert any("grade_id 'test_array_to_tensor'" in p and "carries 2 points" in p
               for p in _problems(notebook))


def test_checker_names_a_test_cell_ending_in_a_bare_expression():
    notebook = _source_01()
    _cell(notebook, "test_to_python_scalar").source += "\nto_python_scalar(torch.tensor(1))"
    assert any("grade_id 'test_to_python_scalar'" in p and "bare expression" in p
               for p in _problems(notebook))


def test_checker_names_an_answer_cell_with_the_wrong_signature():
    notebook = _source_01()
    cell = _cell(notebook, "tensor_to_array")
    cell.source = cell.source.replace("tensor_to_array(t:", "tensor_to_array(tensor:")
    assert any("grade_id 'tensor_to_array'" in p and "parameters differ" in p
               for p in _problems(notebook))


def test_checker_accepts_the_untouched_source():
    assert _problems(_source_01()) == []
