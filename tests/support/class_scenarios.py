"""Classes to grade in tests, the benchmark and the screenshots.

`submit_class`: a small class for lesson 01 where each student is one grading scenario, named
after it.
Honest scenarios earn what their answers deserve; broken ones must neither stop a grading run nor
change anyone else's grade, and each must show up in the class report with its reason
(`EXPECTED` holds a phrase of that reason).

`synthetic_class`: every lesson, with correct, partly wrong, untouched and broken submissions.
"""

from pathlib import Path

import nbformat
from nbgrader.api import Gradebook

from grader.course import COURSE_ROOT, lesson_folders
from support.grading import CourseCopy, solution_answers, with_answers

LESSON = "01-conversion"
ALL_POINTS = 5

# scenario -> (points it earns, a phrase of its grading problem or None)
EXPECTED = {
    "correct": (5, None),
    "untouched": (0, None),
    "partly-wrong": (4, None),
    "warns-on-stderr": (5, None),
    "kernel-dies": (4, "kernel died"),
    "endless-loop": (4, "time limit"),
    "loop-ignoring-interrupts": (4, "ignored the interrupt"),
    "megabytes-of-output": (5, "printed too much"),
    "graded-cell-deleted": (4, "'test_array_to_tensor' was deleted"),
    "graded-cell-duplicated": (5, "'test_array_to_tensor' appears 2 times"),
    "test-cell-edited": (5, "'test_array_to_tensor' was edited"),
    "malformed-file": (0, "cannot be read"),
    "missing-notebook": (0, "no conversion.ipynb in the submission"),
}


def _cell(notebook, grade_id):
    return next(cell for cell in notebook.cells
                if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def submit_class(course: CourseCopy, scenarios=EXPECTED) -> None:
    released = course.student_notebook()
    answers = solution_answers(LESSON)

    def answered(**changes):
        return with_answers(released, {**answers, **changes})

    notebooks = {
        "correct": answered(),
        "untouched": released,
        "partly-wrong": answered(tensor_to_array="def tensor_to_array(t):\n    return t\n"),
        "warns-on-stderr": answered(tensor_to_array=answers["tensor_to_array"].replace(
            "def tensor_to_array(t", "import warnings\n\ndef tensor_to_array(t", 1).replace(
            "    return", "    warnings.warn('a harmless warning')\n    return", 1)),
        "kernel-dies": answered(array_to_tensor="import os\nos._exit(1)\n"),
        "endless-loop": answered(numpy_dtype_of="while True:\n    pass\n"),
        "loop-ignoring-interrupts": answered(numpy_dtype_of=(
            "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass\n")),
        "megabytes-of-output": answered(
            to_python_scalar=answers["to_python_scalar"] + "\nprint('x' * 5_000_000)\n"),
    }
    deleted = answered()
    deleted.cells.remove(_cell(deleted, "test_array_to_tensor"))
    notebooks["graded-cell-deleted"] = deleted
    duplicated = answered()
    duplicated.cells.insert(3, nbformat.from_dict(_cell(duplicated, "test_array_to_tensor")))
    duplicated.cells[3].id = "a-copied-cell"
    notebooks["graded-cell-duplicated"] = duplicated
    edited = answered()
    _cell(edited, "test_array_to_tensor").source = "pass  # the test, edited away"
    notebooks["test-cell-edited"] = edited

    for student in scenarios:
        folder = course.root / "submitted" / student / LESSON
        if student == "malformed-file":
            folder.mkdir(parents=True)
            (folder / course.notebook_name).write_text('{"cells": [')  # a cut-off download
        elif student == "missing-notebook":
            folder.mkdir(parents=True)
            nbformat.write(notebooks["correct"], folder / "conversion (1).ipynb")
        else:
            course.submit(student, notebooks[student])


def all_scores(course_root, db_url=None) -> dict[str, dict[str, float]]:
    """student -> test grade id -> points, for every submission of the lesson in the gradebook."""
    with Gradebook(db_url or f"sqlite:///{course_root / 'gradebook.db'}") as gradebook:
        return {submission.student.id: {grade.name: grade.score
                                        for grade in submission.notebooks[0].grades}
                for submission in gradebook.find_assignment(LESSON).submissions}


# the kinds of submission in a typical class (synthetic_class), repeated to the requested size
MIX = ("correct", "partly-wrong", "correct", "untouched", "partly-wrong", "broken")


def synthetic_class(root: Path, per_lesson: int) -> dict[str, CourseCopy]:
    """A course copy in `root` with `per_lesson` submissions of every lesson, of every kind."""
    courses = {}
    for lesson in lesson_folders(COURSE_ROOT):
        course = courses[lesson] = CourseCopy(root, lesson)
        released, answers = course.student_notebook(), solution_answers(lesson)
        first = next(iter(answers))
        kinds = {
            "correct": with_answers(released, answers),
            "partly-wrong": with_answers(released, {**answers, first: "raise ValueError('no')\n"}),
            "untouched": released,
            "broken": with_answers(released, {first: "import os\nos._exit(1)\n"}),
        }
        for index in range(per_lesson):
            kind = MIX[index % len(MIX)]
            course.submit(f"{kind}-{index:03d}", kinds[kind])
    return courses
