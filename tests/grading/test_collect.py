"""`grader collect` puts a learning platform's zip, or a folder per student, into submitted/."""

import zipfile

import pytest

from grader.grading.collect import collect

NOTEBOOK = b'{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}'


@pytest.fixture
def downloaded_zip(tmp_path):
    """What a platform's "download all submissions" gives, with the usual oddities."""
    path = tmp_path / "submissions.zip"
    with zipfile.ZipFile(path, "w") as archive:
        def add(name, when, data=NOTEBOOK):
            archive.writestr(zipfile.ZipInfo(name, date_time=when), data)
        add("smithj_1234_5678_conversion.ipynb", (2026, 11, 2, 9, 0, 0), b"first")
        add("smithj_1234_9999_conversion-1.ipynb", (2026, 11, 3, 9, 0, 0))  # resubmitted
        add("doea_22_33_shared_memory.ipynb", (2026, 11, 2, 10, 30, 0))
        add("lee/gpu_transfer.ipynb", (2026, 11, 1, 8, 0, 0))  # a folder per student
        add("kim/05-myths/myths.ipynb", (2026, 11, 1, 8, 0, 0))
        add("doea_22_34_homework.ipynb", (2026, 11, 2, 10, 30, 0))  # not a lesson's notebook
        add("../escape_1_2_conversion.ipynb", (2026, 11, 2, 10, 30, 0))
        add("__MACOSX/._doea_22_33_shared_memory.ipynb", (2026, 11, 2, 10, 30, 0))
        # Moodle: a folder per participant, named after the student
        add("Ana Lopez_4501_assignsubmission_file_/autograd_detach.ipynb", (2026, 11, 4, 8, 0, 0))
        add("parkm_late_71_72_gpu_transfer.ipynb", (2026, 11, 5, 8, 0, 0))  # Canvas, late
        # Hand-made: no student in the name, a browser's second download, an empty student id
        add("conversion.ipynb", (2026, 11, 2, 10, 30, 0))
        add("frank-5002-conversion.ipynb", (2026, 11, 2, 10, 30, 0))
        add("doea_22_33_shared_memory (1).ipynb", (2026, 11, 2, 11, 0, 0))
        add("_22_33_myths.ipynb", (2026, 11, 2, 11, 0, 0))
    return path


def test_each_notebook_lands_in_its_student_and_lesson_folder(tmp_path, downloaded_zip):
    placed, left_out = collect(course_root=tmp_path, source=downloaded_zip)
    submitted = tmp_path / "submitted"
    assert sorted(p.relative_to(submitted).as_posix() for p in submitted.rglob("*.ipynb")) == [
        "4501/04-autograd-detach/autograd_detach.ipynb",
        "doea/02-shared-memory/shared_memory.ipynb",
        "kim/05-myths/myths.ipynb",
        "lee/03-gpu-transfer/gpu_transfer.ipynb",
        "parkm/03-gpu-transfer/gpu_transfer.ipynb",
        "smithj/01-conversion/conversion.ipynb",
    ]
    assert len(placed) == 6
    assert (submitted / "smithj/01-conversion/conversion.ipynb").read_bytes() == NOTEBOOK
    assert (submitted / "smithj/01-conversion/timestamp.txt").read_text() == (
        "2026-11-03 09:00:00 UTC")


def test_what_does_not_fit_is_listed_with_the_reason(tmp_path, downloaded_zip):
    _, left_out = collect(course_root=tmp_path, source=downloaded_zip)
    no_student = ("names no student: expected <student>_<anything>_<notebook>.ipynb (as Canvas "
                  "names them), <student>/<notebook>.ipynb or <student>/<lesson>/<notebook>.ipynb")
    assert sorted(left_out) == [
        "../escape_1_2_conversion.ipynb: '..' is not a usable student id "
        "(letters, digits, . @ + - only)",
        f"_22_33_myths.ipynb: {no_student}",
        f"conversion.ipynb: {no_student}",
        "doea_22_33_shared_memory (1).ipynb: a browser's second copy of a download: remove it, "
        "or rename it to doea_22_33_shared_memory.ipynb if it is the one to grade",
        "doea_22_34_homework.ipynb: names no lesson's notebook (conversion.ipynb, "
        "shared_memory.ipynb, gpu_transfer.ipynb, autograd_detach.ipynb, myths.ipynb)",
        f"frank-5002-conversion.ipynb: {no_student}",
        "smithj_1234_5678_conversion.ipynb: an earlier copy of "
        "smithj_1234_9999_conversion-1.ipynb",
    ]
    assert not (tmp_path.parent / "submitted").exists()


def test_collecting_again_changes_nothing(tmp_path, downloaded_zip):
    collect(course_root=tmp_path, source=downloaded_zip)
    first = {p: p.read_bytes() for p in (tmp_path / "submitted").rglob("*") if p.is_file()}
    collect(course_root=tmp_path, source=downloaded_zip)
    again = {p: p.read_bytes() for p in (tmp_path / "submitted").rglob("*") if p.is_file()}
    assert again == first


def test_a_folder_works_like_a_zip(tmp_path):
    (tmp_path / "class" / "ana").mkdir(parents=True)
    (tmp_path / "class" / "ana" / "conversion.ipynb").write_bytes(NOTEBOOK)
    placed, left_out = collect(course_root=tmp_path / "course", source=tmp_path / "class")
    assert placed == ["ana/conversion.ipynb -> submitted/ana/01-conversion/conversion.ipynb"]
    assert left_out == []


def test_a_source_that_is_neither_folder_nor_zip_is_refused_with_what_to_give(tmp_path):
    (tmp_path / "grades.txt").write_text("not a zip")
    with pytest.raises(SystemExit, match="give the folder or the zip"):
        collect(course_root=tmp_path, source=tmp_path / "grades.txt")


def test_an_unreadable_entry_is_listed_and_the_rest_placed(tmp_path):
    path = tmp_path / "class.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("ana_1_2_conversion.ipynb", NOTEBOOK)
        archive.writestr("bo_1_2_conversion.ipynb", NOTEBOOK * 50)
    data = bytearray(path.read_bytes())
    start = data.index(b"bo_1_2_conversion.ipynb") + len("bo_1_2_conversion.ipynb")
    data[start + 10:start + 20] = b"x" * 10  # damage bo's compressed bytes
    path.write_bytes(data)
    placed, left_out = collect(course_root=tmp_path / "course", source=path)
    assert placed == ["ana_1_2_conversion.ipynb -> submitted/ana/01-conversion/conversion.ipynb"]
    assert [line.split(" (")[0] for line in left_out] == ["bo_1_2_conversion.ipynb: cannot be read"]
