"""The student's and instructor's flow in a real browser, against JupyterLab started the way
README's `make lab` (students) and `make instructor-lab` start it. Skipped, with the way to fix it,
where Chromium is missing."""

import urllib.error
import urllib.request

import pytest

from grader.contract import LESSONS_BY_FOLDER
from grader.course import COURSE_ROOT, lesson_folders

from support.browser import CHROMIUM, Lab, chromium_page, course_server

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    CHROMIUM is None,
    reason="Chromium is not installed: `sudo apt-get install chromium` (Debian/Ubuntu) and rerun")]

LESSONS = lesson_folders(COURSE_ROOT)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return tmp_path_factory.mktemp("course")


@pytest.fixture(scope="module")
def lab(course):
    with course_server(course) as (url, token), chromium_page() as page:
        yield Lab(page, url, token, course)


@pytest.fixture(scope="module")
def instructor_lab(course, lab):  # after the students' server, which made the course
    with course_server(course, instructor=True) as (url, token):
        yield Lab(lab.page, url, token, course)  # the same browser


def status(url: str) -> int:
    try:
        return urllib.request.urlopen(url, timeout=30).status
    except urllib.error.HTTPError as error:
        return error.code


def notebook_path(lesson):
    return f"work/{lesson}/{LESSONS_BY_FOLDER[lesson].notebook}"


@pytest.mark.parametrize("lesson", LESSONS)
def test_student_notebook_runs_with_only_the_exercises_failing(lab, lesson):
    lab.open(notebook_path(lesson))
    failures = lab.run_every_cell()
    expected = {lab.cell_index(exercise.test_id): exercise.test_id
                for exercise in LESSONS_BY_FOLDER[lesson].exercises}
    assert set(failures) == set(expected), {
        index: lab.notebook.cells[index].source[:80] for index in failures}
    for index, text in failures.items():
        assert "NotImplementedError" in text, text


def test_a_correct_answer_passes_its_visible_test_and_validate_reports_the_rest(lab):
    lab.open(notebook_path("01-conversion"))
    lab.run_cell(lab.cell_index("imports"))
    answer = lab.cell_index("tensor_to_array")
    lab.replace_cell_source(answer, "def tensor_to_array(t):\n    return t.numpy()\n")
    lab.run_cell(answer)
    test = lab.cell_index("test_tensor_to_array")
    lab.run_cell(test)
    assert "tensor_to_array: tests passed" in lab.output_text(test)

    lab.save()
    report = lab.validate()
    # The dialog opens with which exercises pass and which fail, then names each failing one
    # with its message, not its test code (grader/grading/preprocessors/summarise_validation.py).
    assert "Validation Results" in report and "1 of 5 exercises pass: tensor_to_array." in report
    assert "array_to_tensor (Exercise 1.2, 1 point)" in report, report
    assert "NotImplementedError" in report and "check_" not in report, report
    lab.close_dialog()


def test_the_assignment_list_opens_without_errors(lab):
    lab.open(notebook_path("01-conversion"))
    lab.nbgrader_menu("Assignment List")
    panel = lab.page.locator(".jp-MainAreaWidget", has_text="Released assignments").last
    panel.wait_for(timeout=60_000)
    lab.page.wait_for_timeout(2000)  # the lists fill in after the panel appears
    assert "does not exist" not in panel.inner_text()


def test_students_see_only_the_student_tools(lab):
    lab.open(notebook_path("01-conversion"))
    assert lab.nbgrader_menu_items() == ["Assignment List"]
    lab.page.keyboard.press("Escape")
    assert lab.page.get_by_role("button", name="Validate").count() == 1
    assert lab.page.get_by_title("Create Assignment").count() == 0
    assert status(f"{lab.url}/formgrader?token={lab.token}") == 404


def test_formgrader_lists_the_lessons(instructor_lab):
    lab = instructor_lab
    lab.open(notebook_path("01-conversion"))
    assert {"Assignment List", "Course List", "Formgrader"} <= set(lab.nbgrader_menu_items())
    lab.page.keyboard.press("Escape")
    lab.nbgrader_menu("Formgrader")
    frame = lab.page.frame_locator("iframe").last
    frame.get_by_text("Manage Assignments").first.wait_for(timeout=60_000)
    for lesson in LESSONS:
        frame.get_by_role("link", name=lesson).first.wait_for(timeout=60_000)
