"""Grade submissions through real `nbgrader autograde` in a temporary copy of the course.

Answer fixtures live in tests/fixtures/answers/<lesson>/<exercise>/<verdict>-<scenario>.py: the
whole content of a student's answer cell, where <verdict> is `correct` (must earn the exercise's points)
or `wrong` (must earn none). Fixtures are packed into as few submissions as possible: submission k
holds the k-th fixture of every exercise, so one autograde run checks them all. A gaming
fixture (`wrong-gaming-*`) may patch NumPy, PyTorch or the kernel for everything after it, so each
one is graded alone: its effects can neither spoil a correct fixture nor hide behind another's.
"""

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.utils import is_solution

from grader.authoring.generate import generate
from grader.contract import LESSONS_BY_FOLDER
from grader.course import COURSE_ROOT
from grader.grading.autograde import autograde
from grader.grading.preprocessors import HideHiddenTests
from grader.grading.sandbox.bubblewrap import unavailable_reason
from support import FIXTURES

ANSWERS = FIXTURES / "answers"
SANDBOXED = unavailable_reason() is None
SOLUTION_MARKERS = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n", re.MULTILINE)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", re.DOTALL)


@dataclass(frozen=True)
class AnswerFixture:
    lesson: str
    exercise: str
    path: Path

    @property
    def correct(self) -> bool:
        return self.path.name.startswith("correct-")

    @property
    def gaming(self) -> bool:
        return self.path.name.startswith("wrong-gaming-")

    @property
    def id(self) -> str:
        return f"{self.exercise}/{self.path.stem}"


def answer_fixtures(lesson: str) -> list[AnswerFixture]:
    fixtures = [AnswerFixture(lesson, path.parent.name, path)
                for path in sorted((ANSWERS / lesson).glob("*/*.py"))]
    for fixture in fixtures:
        assert fixture.path.name.startswith(("correct-", "wrong-")), (
            f"{fixture.path}: name answer fixtures correct-<scenario>.py or wrong-<scenario>.py")
    return fixtures


def solution_answers(lesson: str) -> dict[str, str]:
    """The instructor's answer cells, markers removed, keyed by grade id."""
    source = nbformat.read(COURSE_ROOT / "solutions" / lesson / LESSONS_BY_FOLDER[lesson].notebook,
                           as_version=4)
    return {cell.metadata.nbgrader["grade_id"]: SOLUTION_MARKERS.sub("", cell.source)
            for cell in source.cells if is_solution(cell)}


def hidden_test_lines(lesson: str) -> set[str]:
    """Lines of the instructor's hidden tests (stripped) that the student version never shows."""
    source = nbformat.read(COURSE_ROOT / "solutions" / lesson / LESSONS_BY_FOLDER[lesson].notebook,
                           as_version=4)
    released = nbformat.reads(nbformat.writes(source), as_version=4)
    HideHiddenTests().preprocess(released, {})
    shown = {line.strip() for cell in released.cells for line in cell.source.splitlines()}
    hidden = {line.strip() for cell in source.cells for line in HIDDEN.findall(cell.source)
              for line in line.splitlines()}
    return {line for line in hidden - shown if len(line) >= 12 and not line.startswith("#")}


def with_answers(notebook, answers: dict[str, str]):
    """A copy of `notebook` whose answer cells for the given grade ids hold new sources."""
    notebook = nbformat.from_dict(notebook)
    for cell in notebook.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell.source = answers[grade_id]
    return notebook


class CourseCopy:
    """A throwaway course folder: the instructor sources, the config and a fresh gradebook."""

    def __init__(self, root: Path, lesson: str):
        self.root, self.lesson = root, lesson
        self.notebook_name = LESSONS_BY_FOLDER[lesson].notebook
        shutil.copytree(COURSE_ROOT / "solutions" / lesson, root / "solutions" / lesson)
        shutil.copy(COURSE_ROOT / "nbgrader_config.py", root)
        # also records the hidden tests in the gradebook
        generate(course_root=root, lessons=[lesson], quiet=True)

    def student_notebook(self):
        return nbformat.read(self.root / "notebooks" / self.lesson / self.notebook_name,
                             as_version=4)

    def submit(self, student: str, notebook) -> None:
        folder = self.root / "submitted" / student / self.lesson
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, folder / self.notebook_name)

    def autograde(self) -> None:
        """Grade every submission with the course's tool (its grades equal nbgrader's serial ones:
        tests/grading/test_autograde.py), so the suite grades on every core. Sandboxed where
        bubblewrap works; elsewhere tests/grading/sandbox/test_sandbox.py skips, saying why, and
        the rest grades unconfined."""
        autograde(course_root=self.root, sandbox=SANDBOXED, progress=False)

    def scores(self, student: str) -> dict[str, float]:
        """Points per exercise (keyed by the test cell's grade id) of one graded submission."""
        notebook_id = Path(self.notebook_name).stem
        with Gradebook(f"sqlite:///{self.root / 'gradebook.db'}") as gradebook:
            submission = gradebook.find_submission_notebook(notebook_id, self.lesson, student)
            return {grade.name: grade.score for grade in submission.grades}


def grade_lesson(root: Path, lesson: str):
    """Grade the solution, the untouched student version and every answer fixture of `lesson`.

    Returns (course, fixture_scores): `fixture_scores` maps each fixture id to the points its
    test cell earned.
    """
    course = CourseCopy(root, lesson)
    student_version = course.student_notebook()
    course.submit("solution", with_answers(student_version, solution_answers(lesson)))
    course.submit("untouched", student_version)

    placed: dict[str, str] = {}  # fixture id -> student id
    by_exercise: dict[str, list[AnswerFixture]] = {}
    for index, fixture in enumerate(answer_fixtures(lesson)):
        if fixture.gaming:
            placed[fixture.id] = f"gaming-{index:03d}"
            answers = {fixture.exercise: fixture.path.read_text()}
            course.submit(placed[fixture.id], with_answers(student_version, answers))
        else:
            by_exercise.setdefault(fixture.exercise, []).append(fixture)
    slots = max((len(fixtures) for fixtures in by_exercise.values()), default=0)
    for slot in range(slots):
        student = f"fixtures-{slot + 1:02d}"
        answers = {}
        for exercise, fixtures in by_exercise.items():
            if slot < len(fixtures):
                answers[exercise] = fixtures[slot].path.read_text()
                placed[fixtures[slot].id] = student
        course.submit(student, with_answers(student_version, answers))

    course.autograde()
    fixture_scores = {}
    for fixture in answer_fixtures(lesson):
        fixture_scores[fixture.id] = course.scores(placed[fixture.id])["test_" + fixture.exercise]
    return course, fixture_scores


def scores_with_and_without_judge(make_folder, lesson: str, exercise: str,
                                  answers: dict[str, str]) -> dict[bool, dict[str, float]]:
    """Grade one submission per answer of `exercise` (student name -> answer cell), with the
    judge and with the tests in the student's kernel; judge -> student -> the exercise's points.
    `make_folder(name)` gives an empty folder (pytest's `tmp_path_factory.mktemp`)."""
    found = {}
    for judge in (True, False):
        course = CourseCopy(make_folder(f"judge-{judge}"), lesson)
        released = course.student_notebook()
        for student, answer in answers.items():
            course.submit(student, with_answers(released, {exercise: answer}))
        autograde(course_root=course.root, workers=2, sandbox=SANDBOXED, judge=judge,
                  progress=False)
        found[judge] = {student: course.scores(student)[f"test_{exercise}"] for student in answers}
    return found
