"""Real `nbgrader autograde` on each lesson: solution, untouched student version, answer fixtures.

The grading of a lesson happens once per test session (it starts one kernel per submission); the
tests below only read the gradebook it produced.
"""

import pytest

from grader.contract import LESSONS_BY_FOLDER
from support.grading import answer_fixtures, grade_lesson
from grader.course import COURSE_ROOT, lesson_folders

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
