"""`grader autograde` grades a class several submissions at a time, exactly as a serial
`nbgrader autograde` grades it, survives every broken submission, names each problem, and resumes."""

import hashlib
import signal
import subprocess
import sys
import time

import pytest

from grader.grading import problems
from grader.grading.autograde import autograde, pending_submissions
from support.class_scenarios import EXPECTED, LESSON, all_scores, submit_class
from support.grading import SANDBOXED, CourseCopy

pytestmark = pytest.mark.slow  # grades whole classes


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_submission_is_graded_with_the_points_it_deserves(graded_class):
    course, found, _, _ = graded_class
    assert {submission.student for submission in found} == set(EXPECTED)
    totals = {student: sum(scores.values()) for student, scores in all_scores(course.root).items()}
    assert totals == {student: points for student, (points, _) in EXPECTED.items()}


def test_grades_are_exactly_those_of_a_serial_nbgrader_autograde(graded_class):
    course, _, serial_root, serial = graded_class
    # With the course's configuration nbgrader itself survives every scenario; it only reports
    # the two notebooks it could not read or find as errors at the end.
    assert serial.returncode == 1
    assert "for student 'malformed-file'" in serial.stderr
    assert "for student 'missing-notebook'" in serial.stderr
    assert all_scores(course.root) == all_scores(serial_root)


@pytest.mark.parametrize("student", sorted(EXPECTED))
def test_each_problem_is_named_with_its_reason(graded_class, student):
    course, found, _, _ = graded_class
    reasons = next(reasons for submission, reasons in found.items()
                   if submission.student == student)
    phrase = EXPECTED[student][1]
    if phrase is None:
        assert reasons == []
    else:
        assert any(phrase in reason for reason in reasons), reasons
    assert problems.load(course.root)[LESSON][student] == reasons


def test_a_second_run_grades_nothing_and_changes_nothing(graded_class):
    course, _, _, _ = graded_class
    before = digest(course.root / "gradebook.db")
    assert {s.student for s in pending_submissions(course.root)} == {
        "malformed-file", "missing-notebook"}  # never graded, so always tried again
    again = autograde(course_root=course.root, students=["correct", "kernel-dies"],
                      sandbox=SANDBOXED, progress=False)
    assert again == {}
    assert digest(course.root / "gradebook.db") == before


def test_an_interrupted_run_resumes_without_grading_finished_submissions(tmp_path):
    course = CourseCopy(tmp_path, LESSON)
    students = ["correct", "untouched", "partly-wrong", "warns-on-stderr"]
    submit_class(course, {student: EXPECTED[student] for student in students})
    unconfined = [] if SANDBOXED else ["--no-sandbox"]
    run = subprocess.Popen([sys.executable, "-m", "grader", "--course", str(course.root),
                            "autograde", "--workers", "1", *unconfined],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300  # until the first submission is recorded
    while not problems.load(course.root) and time.monotonic() < deadline:
        time.sleep(0.1)
    run.send_signal(signal.SIGINT)
    run.wait(timeout=120)
    finished = set(problems.load(course.root)[LESSON])
    assert 1 <= len(finished) < len(students)
    for student in finished:
        assert (course.root / "autograded" / student / LESSON / course.notebook_name).exists()

    resumed = autograde(course_root=course.root, sandbox=SANDBOXED, progress=False)
    assert {submission.student for submission in resumed} == set(students) - finished
    totals = {student: sum(scores.values()) for student, scores in all_scores(course.root).items()}
    assert totals == {student: EXPECTED[student][0] for student in students}
