"""`make lab` gives students copies in work/ and never overwrites their answers."""

import shutil

from grader.authoring.lab import prepare


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
