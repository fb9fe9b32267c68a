"""Real `nbgrader autograde` on each lesson: solution, untouched student version, answer fixtures;
and the feedback they get.

The grading of a lesson happens once per test session (it starts one kernel per submission); the
tests below only read the gradebook it produced.
"""

import html
import re

import nbformat
import pytest
from nbgrader.utils import is_grade, is_solution

from grader.contract import LESSONS_BY_FOLDER
from grader.course import COURSE_ROOT, lesson_folders
from grader.grading.feedback import feedback
from support.grading import answer_fixtures, grade_lesson, hidden_test_lines

pytestmark = pytest.mark.slow  # grades whole classes

LESSONS = lesson_folders(COURSE_ROOT)
FIXTURES = [fixture for lesson in LESSONS for fixture in answer_fixtures(lesson)]


@pytest.fixture(scope="session")
def graded(tmp_path_factory):
    """Lesson folder -> (course copy, fixture scores), graded on first use."""
    results = {}

    def grade(lesson):
        if lesson not in results:
            results[lesson] = grade_lesson(tmp_path_factory.mktemp(lesson), lesson)
        return results[lesson]

    return grade


@pytest.mark.parametrize("lesson", LESSONS)
def test_solution_earns_every_point(graded, lesson):
    course, _ = graded(lesson)
    expected = {exercise.test_id: exercise.points for exercise in LESSONS_BY_FOLDER[lesson].exercises}
    assert course.scores("solution") == expected


@pytest.mark.parametrize("lesson", LESSONS)
def test_untouched_student_version_earns_nothing(graded, lesson):
    course, _ = graded(lesson)
    scores = course.scores("untouched")
    assert set(scores) == {exercise.test_id for exercise in LESSONS_BY_FOLDER[lesson].exercises}
    assert all(score == 0 for score in scores.values()), scores


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda fixture: f"{fixture.lesson}/{fixture.id}")
def test_answer_fixture_earns_what_it_deserves(graded, fixture):
    _, fixture_scores = graded(fixture.lesson)
    points = {exercise.name: exercise.points
              for exercise in LESSONS_BY_FOLDER[fixture.lesson].exercises}[fixture.exercise]
    expected = points if fixture.correct else 0
    assert fixture_scores[fixture.id] == expected, (
        f"{fixture.path.name} earned {fixture_scores[fixture.id]} of {points}: "
        + ("a correct answer must earn full points" if fixture.correct
           else "an answer built on this misconception must earn nothing"))


@pytest.mark.parametrize("lesson", LESSONS)
def test_feedback_names_each_failure_and_holds_no_hidden_test(graded, lesson):
    course, _ = graded(lesson)
    hidden = hidden_test_lines(lesson)
    notebook = LESSONS_BY_FOLDER[lesson].notebook
    autograded = nbformat.read(course.root / "autograded" / "untouched" / lesson / notebook,
                               as_version=4)
    sources = "\n".join(cell.source for cell in autograded.cells)
    assert hidden and all(line in sources for line in hidden)  # what feedback would otherwise show
    feedback(course_root=course.root, lessons=[lesson])
    pages = sorted((course.root / "feedback").glob(f"*/{lesson}/*.html"))
    assert len(pages) == len(list((course.root / "autograded").glob(f"*/{lesson}")))
    failures = 0
    for page in pages:
        text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text()))
        student = page.parts[-3]
        # Each exercise is named, with its points, at the top; no execution count interleaves.
        for exercise in LESSONS_BY_FOLDER[lesson].exercises:
            assert re.search(rf"^\s*{exercise.name} \(Score: [\d.]+ / {exercise.points}\.0\)", text,
                             re.MULTILINE), (page, exercise.name)
        assert ">Test cell</a>" not in page.read_text(), page  # nbgrader's label for every test
        assert not re.search(r"^\s*(In|Out)\s*\[\d*\]:", text, re.MULTILINE), page
        submitted = nbformat.read(course.root / "submitted" / student / lesson / notebook,
                                  as_version=4)
        own = {line.strip() for cell in submitted.cells for line in cell.source.splitlines()}
        shown = {line.strip() for line in text.splitlines()} - own  # a line of the student's own
        assert not hidden & shown, page
        graded = nbformat.read(course.root / "autograded" / student / lesson / notebook,
                               as_version=4)
        for cell in graded.cells:
            for output in cell.get("outputs", []):
                if output.output_type == "error" and is_grade(cell) and not is_solution(cell):
                    failures += 1
                    assert f"{output.ename}: {output.evalue}" in text, (page, output.evalue)
    assert failures >= len(LESSONS_BY_FOLDER[lesson].exercises)  # the untouched ones at least
