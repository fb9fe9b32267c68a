"""The class report's reading of a failure, and after `grader autograde`: the class report, the CSV
export and the HTML feedback of a class."""

import csv
import re

import nbformat
import pytest
from bs4 import BeautifulSoup

from grader.grading import vocabulary
from grader.grading.cli import main
from grader.grading.limits import failure_output, not_run
from grader.grading.report import first_failure
from support.class_scenarios import EXPECTED, LESSON


def test_the_first_failure_is_the_line_a_student_reads_first():
    cell = nbformat.v4.new_code_cell("", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="checking\n"),
        nbformat.v4.new_output("error", ename="AssertionError", evalue="the result: " + "x" * 200,
                               traceback=[])])
    message = first_failure(cell)
    assert message.startswith("AssertionError: the result: xxx") and message.endswith("...")
    assert len(message) == 160
    assert first_failure(nbformat.v4.new_code_cell("")) is None


def test_cells_that_grading_stopped_are_left_to_the_grading_problems():
    for stopped in (failure_output(vocabulary.KERNEL_DIED, "the kernel died"),
                    not_run("the kernel stopped in an earlier cell")):
        assert first_failure(nbformat.v4.new_code_cell("", outputs=[stopped])) is None
    bare = nbformat.v4.new_output("error", ename="NotImplementedError", evalue="", traceback=[])
    assert first_failure(nbformat.v4.new_code_cell("", outputs=[bare])) == "NotImplementedError"


@pytest.mark.slow
def test_the_report_shows_figures_failures_and_every_problem(graded_class, tmp_path):
    course = graded_class[0]
    output = tmp_path / "report.html"
    main(["--course", str(course.root), "report", "--output", str(output)])
    page = output.read_text()
    assert f"{len(EXPECTED)} students" in page
    figures = re.findall(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)">', page)
    assert len(figures) == 2 and all(alt.strip() for alt in figures)
    assert "Histogram of the total points" in figures[0]
    assert "test_tensor_to_array" in figures[1]
    # the wrong answer's failure message is the most frequent one for its exercise
    assert re.search(r"<td>test_tensor_to_array</td><td>AssertionError: [^<]*ndarray", page)
    for student, (_, phrase) in EXPECTED.items():
        if phrase:
            row = re.search(rf"<td>{LESSON}</td><td>{student}</td><td>([^<]*)</td>", page)
            assert row and phrase in row.group(1).replace("&#x27;", "'"), student


@pytest.mark.slow
def test_export_writes_one_row_per_student_with_the_gradebook_score(graded_class, tmp_path):
    course = graded_class[0]
    output = tmp_path / "grades.csv"
    main(["--course", str(course.root), "export", "--output", str(output)])
    with output.open() as grades:
        rows = list(csv.DictReader(grades))
    assert {row["student_id"]: float(row["score"]) for row in rows} == {
        student: points for student, (points, _) in EXPECTED.items()}


@pytest.mark.slow
def test_feedback_gives_each_graded_student_an_html_page(graded_class, capfd):
    course = graded_class[0]
    main(["--course", str(course.root), "feedback", LESSON])
    page = course.root / "feedback" / "partly-wrong" / LESSON / "conversion.html"
    assert "Score: 4.0 / 5.0" in page.read_text()
    # Each figure carries the lesson's description, not nbconvert's placeholder and its warning.
    images = BeautifulSoup(page.read_text(), "html.parser").select("img")
    assert images and all(len(image["alt"].split()) >= 12 for image in images)
    assert "Alternative text is missing" not in capfd.readouterr().err
