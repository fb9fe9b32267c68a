"""nbgrader's Validate (the toolbar button runs the same code as `nbgrader validate`), run from the
course folder as README says, tells a student the truth, by grading's own rule: a finished lesson
passes, an untouched one names every unanswered exercise, a helper outside the answer cells fails
as it will in grading, and a changed test cell is still reported."""

import re
import subprocess
import sys

import nbformat
import pytest

from grader.contract import LESSONS_BY_FOLDER
from grader.course import COURSE_ROOT, lesson_folders
from support.grading import solution_answers, with_answers

pytestmark = pytest.mark.slow  # executes whole lessons

LESSONS = lesson_folders(COURSE_ROOT)
NAME_HINT = "import or define what your function needs in its own answer cell"


def validate(tmp_path, notebook) -> str:
    path = tmp_path / "lesson.ipynb"
    nbformat.write(notebook, path)
    done = subprocess.run([sys.executable, "-m", "nbgrader", "validate", str(path)],
                          cwd=COURSE_ROOT, capture_output=True, text=True, timeout=600)
    return " ".join((done.stdout + done.stderr).split())  # as one line: messages are wrapped


def student_version(lesson):
    return nbformat.read(COURSE_ROOT / "notebooks" / lesson / LESSONS_BY_FOLDER[lesson].notebook,
                         as_version=4)


@pytest.mark.parametrize("lesson", LESSONS)
def test_validate_passes_a_finished_lesson(tmp_path, lesson):
    report = validate(tmp_path, with_answers(student_version(lesson), solution_answers(lesson)))
    assert "Success! Your notebook passes all the tests." in report, report


@pytest.mark.parametrize("lesson", LESSONS)
def test_validate_names_every_unanswered_exercise_and_its_message(tmp_path, lesson):
    report = validate(tmp_path, student_version(lesson))
    exercises = LESSONS_BY_FOLDER[lesson].exercises
    assert f"VALIDATION FAILED ON {len(exercises)} CELL(S)!" in report, report
    assert f"0 of {len(exercises)} exercises pass." in report, report
    headings = "".join(cell.source for cell in student_version(lesson).cells)
    for exercise in exercises:  # numbered as the lesson's headings number them
        number = re.search(rf"Exercise (\d\.\d) — `{exercise.name}`", headings).group(1)
        points = f"{exercise.points} point" + ("s" if exercise.points > 1 else "")
        assert f"{exercise.name} (Exercise {number}, {points})" in report, report
    assert "NotImplementedError" in report, report
    # The test cells' code and the course's own frames are not shown: only the messages.
    assert "check_" not in report and "Traceback (most recent call last)" not in report, report


def test_a_helper_outside_the_answer_cells_fails_as_in_grading(tmp_path):
    """The answer works in the notebook, with a helper in a cell the student added; grading runs
    only the read-only and answer cells, and so does Validate."""
    lesson = "01-conversion"
    notebook = with_answers(student_version(lesson), {
        "tensor_to_array": "def tensor_to_array(t):\n    return convert(t)"})
    index = next(i for i, cell in enumerate(notebook.cells)
                 if cell.metadata.get("nbgrader", {}).get("grade_id") == "tensor_to_array")
    notebook.cells.insert(index, nbformat.v4.new_code_cell("def convert(t):\n    return t.numpy()"))
    report = validate(tmp_path, notebook)
    assert "tensor_to_array (Exercise 1.1, 1 point)" in report, report
    assert "NameError: name 'convert' is not defined" in report and NAME_HINT in report, report


def test_a_changed_test_cell_is_still_reported(tmp_path):
    lesson = "01-conversion"
    notebook = with_answers(student_version(lesson), solution_answers(lesson))
    test = next(cell for cell in notebook.cells
                if cell.metadata.get("nbgrader", {}).get("grade_id") == "test_tensor_to_array")
    test.source = "pass"
    report = validate(tmp_path, notebook)
    assert "THE CONTENTS OF 1 TEST CELL(S) HAVE CHANGED!" in report, report
