"""grader.grading.judge.notebook: what the judge is given, and how its verdicts come back."""

import json

import nbformat

from grader.grading import vocabulary
from grader.grading.judge.notebook import (INSTALL_JUDGE, SPEC_FILE, answer_status, judge_notebook,
                                           take_verdicts, graded_tests, write_spec)
from grader.grading.limits import failure_output, not_run


def cell(role, name="", outputs=()):
    metadata = {"grade_id": name, "schema_version": 3, "locked": role in ("read-only", "test"),
                "solution": role == "answer", "grade": role == "test"}
    if role == "test":
        metadata["points"] = 1
    return nbformat.v4.new_code_cell(f"# {role} {name}", outputs=list(outputs),
                                     metadata={"nbgrader": metadata} if role != "free" else {})


def error(ename, evalue=""):
    return nbformat.v4.new_output("error", ename=ename, evalue=evalue, traceback=[])


def submission():
    return nbformat.v4.new_notebook(cells=[
        cell("read-only", "imports"), cell("free"), cell("answer", "f"), cell("test", "test_f"),
        nbformat.v4.new_markdown_cell("text"), cell("answer", "g"), cell("test", "test_g")])


def test_the_judge_gets_the_read_only_cells_its_installer_and_the_tests_asked_for():
    nb = submission()
    assert graded_tests(nb) == [3, 6]
    judged = judge_notebook(nb, [6])
    assert [c.source for c in judged.cells] == ["# read-only imports", INSTALL_JUDGE, "# test test_g"]


def test_answer_status_reads_how_a_cell_ended_from_the_failure_names():
    ok, raised = cell("answer", "f"), cell("answer", "f", [error("ValueError", "no")])
    died = cell("answer", "f", [failure_output(vocabulary.KERNEL_DIED, "the kernel died")])
    timed_out = cell("answer", "f", [error("KeyboardInterrupt"), error(vocabulary.CELL_TIMED_OUT)])
    skipped = cell("answer", "f", [not_run("the kernel stopped in an earlier cell")])
    assert [answer_status(c) for c in (ok, raised, died, timed_out, skipped)] == [
        {"status": "ok", "reason": ""}, {"status": "raised", "reason": ""},
        {"status": "unfinished", "reason": "stopped the kernel"},
        {"status": "unfinished", "reason": "timed out"}, {"status": "not-run", "reason": ""}]


def test_the_spec_holds_every_answer_cell_and_how_it_ended(tmp_path):
    nb = submission()
    nb.cells[5].outputs = [error("NameError", "x")]
    write_spec(nb, tmp_path)
    spec = json.loads((tmp_path / SPEC_FILE).read_text())
    assert spec["functions"] == ["f", "g"]
    assert [(a["name"], a["status"]) for a in spec["answers"]] == [("f", "ok"), ("g", "raised")]


def test_verdicts_return_to_their_cells_and_a_dead_judge_hands_on_the_rest():
    nb = submission()
    judged = judge_notebook(nb, [3, 6])
    judged.cells[2].outputs = [failure_output(vocabulary.KERNEL_DIED, "the kernel died")]
    assert take_verdicts(nb, judged, [3, 6]) == [6]
    assert nb.cells[3].outputs[0].ename == vocabulary.KERNEL_DIED and nb.cells[6].outputs == []


def test_a_judge_that_could_not_start_fails_every_test_it_was_given():
    nb = submission()
    judged = judge_notebook(nb, [3, 6])
    judged.cells[1].outputs = [error("ModuleNotFoundError", "No module named 'grader'")]
    assert take_verdicts(nb, judged, [3, 6]) == []
    assert [[(o.ename, o.evalue) for o in nb.cells[i].outputs] for i in (3, 6)] == [[(
        vocabulary.JUDGE_FAILED,
        "the tests could not run: ModuleNotFoundError: No module named 'grader'")]] * 2
