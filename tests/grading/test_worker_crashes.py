"""A grading worker that dies is charged to the submission that killed it, and to no other."""

from grader.grading.autograde import Submission, execute_all
from support.workers import KILLER, execute_or_die


def test_only_the_submission_that_kills_its_worker_alone_is_charged(tmp_path):
    todo = [Submission("01-conversion", student) for student in ("ana", KILLER, "bo", "cy")]
    results = {execution.submission.student: execution.failure for execution in execute_all(
        tmp_path, tmp_path / "snapshot.db", tmp_path, {}, todo, workers=2,
        execute=execute_or_die)}
    assert results == {"ana": None, "bo": None, "cy": None, KILLER: (
        "the grading worker crashed while grading this submission alone (out of memory?)")}
