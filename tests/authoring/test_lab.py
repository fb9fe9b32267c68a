"""`make lab` gives students copies in work/, never overwrites their answers, and shows them
nbgrader's student tools only (tests/lessons/test_browser.py checks that in a browser)."""

import os
import shutil

from grader.authoring.lab import STUDENT_CONFIG, lab_environment, prepare


def test_lessons_are_copied_once_and_answers_are_kept(tmp_path):
    lesson = tmp_path / "notebooks" / "01-conversion"
    lesson.mkdir(parents=True)
    (lesson / "conversion.ipynb").write_text("released")

    assert prepare(tmp_path) == [tmp_path / "work" / "01-conversion"]
    student_copy = tmp_path / "work" / "01-conversion" / "conversion.ipynb"
    assert student_copy.read_text() == "released"

    student_copy.write_text("my answers")
    (lesson / "conversion.ipynb").write_text("released again")
    shutil.copytree(lesson, tmp_path / "notebooks" / "02-shared-memory")
    assert prepare(tmp_path) == [tmp_path / "work" / "02-shared-memory"]
    assert student_copy.read_text() == "my answers"
    assert (tmp_path / "exchange").is_dir()


def test_students_get_their_configuration_first_and_instructors_none():
    student = lab_environment({"JUPYTER_CONFIG_PATH": "/elsewhere", "HOME": "/home/a"},
                              instructor=False)
    assert student["JUPYTER_CONFIG_PATH"].split(os.pathsep) == [str(STUDENT_CONFIG), "/elsewhere"]
    assert student["HOME"] == "/home/a"
    assert lab_environment({"HOME": "/home/a"}, instructor=True) == {"HOME": "/home/a"}

