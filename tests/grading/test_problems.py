"""grader.grading.problems on notebooks built in the test: each problem named from what the
vocabulary names or from an OSError's number, never from a message's wording."""

import errno
import os

import nbformat
import pytest

from grader.grading import problems, vocabulary
from grader.grading.limits import OutputBudget, failure_output, not_run


def graded_test(*outputs, grade_id="test_f"):
    metadata = {"nbgrader": {"grade_id": grade_id, "grade": True, "solution": False,
                             "locked": True, "points": 1, "schema_version": 3}}
    return nbformat.v4.new_code_cell("f()", metadata=metadata, outputs=list(outputs))


def error(ename, evalue):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[])


def executed(*cells):
    return nbformat.v4.new_notebook(cells=list(cells))


def test_a_cell_that_grading_stopped_says_why_and_the_cells_it_skipped_say_nothing():
    found = problems.execution_problems(executed(
        graded_test(failure_output(vocabulary.KERNEL_DIED, "the kernel died"), grade_id="a"),
        graded_test(not_run("the kernel stopped in an earlier cell"), grade_id="b")))
    assert found == ["cell 'a': the kernel died"]


def test_a_cell_stopped_at_its_time_limit_is_named():
    found = problems.execution_problems(executed(graded_test(error("KeyboardInterrupt", ""),
                                                           error(vocabulary.CELL_TIMED_OUT, ""))))
    assert found == ["cell 'test_f' ran past the per-cell time limit and was stopped"]


def test_cut_output_is_recognised_by_the_notes_metadata_not_its_text():
    note = OutputBudget(10, 100).truncation_note()
    assert problems.execution_problems(executed(graded_test(note))) == [
        "cell 'test_f' printed too much; its output was cut"]
    look_alike = nbformat.v4.new_output("stream", name="stdout", text=note.data["text/plain"])
    assert problems.execution_problems(executed(graded_test(look_alike))) == []


@pytest.mark.parametrize("ename, evalue", [
    ("OSError", f"[Errno {errno.EROFS}] {os.strerror(errno.EROFS)}: '/course/gradebook.db'"),
    ("PermissionError", f"[Errno {errno.EACCES}] {os.strerror(errno.EACCES)}: '/srv'"),
    ("OSError", f"[Errno {errno.ENETUNREACH}] {os.strerror(errno.ENETUNREACH)}"),
    ("FileNotFoundError", f"[Errno {errno.ENOENT}] {os.strerror(errno.ENOENT)}: '/course/x'"),
    ("gaierror", "[Errno -3] Temporary failure in name resolution"),
    ("BlockingIOError", f"[Errno {errno.EAGAIN}] {os.strerror(errno.EAGAIN)}"),
    ("MemoryError", ""),
    (vocabulary.PROCESS_LIMIT, "at most 32 processes"),
])
def test_the_sandboxs_refusals_are_named(ename, evalue):
    found = problems.execution_problems(executed(graded_test(error(ename, evalue))))
    assert found == [f"cell 'test_f' tried what the sandbox forbids or limits: {ename}: {evalue}"]


@pytest.mark.parametrize("ename, evalue", [
    ("FileNotFoundError", f"[Errno {errno.ENOENT}] {os.strerror(errno.ENOENT)}: 'data.csv'"),
    ("AssertionError", "the result: is a copy; Read-only file system is not a reason here"),
    ("RuntimeError", "Permission denied, says the student's own message"),
])
def test_an_answer_s_own_errors_are_not_sandbox_refusals(ename, evalue):
    assert problems.execution_problems(executed(graded_test(error(ename, evalue)))) == []


def test_a_function_that_ended_the_judges_child_is_named():
    message = "f ended the process it ran in before returning (exit status 3): ..."
    found = problems.execution_problems(executed(
        graded_test(error(vocabulary.ANSWER_ENDED_ITS_PROCESS, message))))
    assert found == [f"test 'test_f': {message}"]


def test_stderr_counts_in_test_cells_only():
    stderr = nbformat.v4.new_output("stream", name="stderr", text="a warning\n")
    answer = nbformat.v4.new_code_cell("def f(): pass", outputs=[stderr], metadata={
        "nbgrader": {"grade_id": "f", "solution": True, "grade": False, "schema_version": 3}})
    assert problems.execution_problems(executed(answer, graded_test(stderr))) == [
        "test 'test_f' wrote to stderr, which nbgrader scores as a failure"]


def test_structure_problems_name_deleted_duplicated_and_edited_cells():
    released = executed(graded_test(grade_id="test_a"), graded_test(grade_id="test_b"),
                        graded_test(grade_id="test_c"))
    for cell in released.cells:
        cell.metadata.nbgrader["checksum"] = problems.compute_checksum(cell)
    submitted = nbformat.from_dict(released)
    submitted.cells[1].source = "pass  # edited"
    submitted.cells[2] = nbformat.from_dict(submitted.cells[1])
    assert problems.structure_problems(submitted, released) == [
        "cell 'test_c' was deleted; it earns no points",
        "cell 'test_b' appears 2 times; only the last was graded",
        "read-only cell 'test_b' was edited; it was graded as released"]


def test_failure_reason_tells_an_unreadable_file_from_a_fault_of_the_grader(tmp_path):
    (tmp_path / "conversion.ipynb").write_text('{"cells": [')
    assert problems.failure_reason(["Traceback ...\nNotJSONError: ..."], tmp_path).startswith(
        "the notebook file conversion.ipynb cannot be read (NotJSONError: ")
    nbformat.write(executed(graded_test()), tmp_path / "conversion.ipynb")
    reason = problems.failure_reason(["Traceback (most recent call last):\n  ...\n"
                                      "KeyError: 'spam'\n", "Please see the traceback"], tmp_path)
    assert reason.startswith("grading failed: KeyError: 'spam'; the submission is readable")


def test_broken_nbgrader_metadata_is_the_submissions_fault(tmp_path):
    broken = graded_test()
    del broken.metadata.nbgrader["points"]  # a test cell without points
    nbformat.write(executed(broken), tmp_path / "conversion.ipynb")
    assert problems.failure_reason(["ValidationError"], tmp_path).startswith(
        "the nbgrader metadata of conversion.ipynb is broken")


def test_problems_are_saved_merged_by_lesson_and_student(tmp_path):
    class Submission:
        def __init__(self, lesson, student):
            self.lesson, self.student = lesson, student

    problems.save(tmp_path, {Submission("01", "ana"): ["one"], Submission("01", "bo"): []})
    problems.save(tmp_path, {Submission("01", "ana"): ["two"]})
    assert problems.load(tmp_path) == {"01": {"ana": ["two"], "bo": []}}
