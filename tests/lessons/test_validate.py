"""nbgrader's Validate (the toolbar button runs the same code as `nbgrader validate`) tells a
student the truth: a finished lesson passes, an untouched one lists every unanswered exercise."""

import subprocess
import sys

import nbformat
import pytest

from grader.contract import LESSONS_BY_FOLDER
from grader.course import COURSE_ROOT, lesson_folders
from support.grading import solution_answers, with_answers

pytestmark = pytest.mark.slow  # executes whole lessons

LESSONS = lesson_folders(COURSE_ROOT)


def validate(tmp_path, notebook) -> str:
    path = tmp_path / "lesson.ipynb"
    nbformat.write(notebook, path)
    done = subprocess.run([sys.executable, "-m", "nbgrader", "validate", str(path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=600)
    return done.stdout + done.stderr


def student_version(lesson):
    return nbformat.read(COURSE_ROOT / "notebooks" / lesson / LESSONS_BY_FOLDER[lesson].notebook,
                         as_version=4)


@pytest.mark.parametrize("lesson", LESSONS)
def test_validate_passes_a_finished_lesson(tmp_path, lesson):
    report = validate(tmp_path, with_answers(student_version(lesson), solution_answers(lesson)))
    assert "Success! Your notebook passes all the tests." in report, report


@pytest.mark.parametrize("lesson", LESSONS)
def test_validate_lists_every_unanswered_exercise(tmp_path, lesson):
    report = validate(tmp_path, student_version(lesson))
    exercises = LESSONS_BY_FOLDER[lesson].exercises
    assert f"VALIDATION FAILED ON {len(exercises)} CELL(S)!" in report, report
    for exercise in exercises:
        assert f"print(\"{exercise.name}: tests passed\")" in report, exercise.name
