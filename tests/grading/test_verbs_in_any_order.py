"""Every verb, on any week: on a course not generated yet, on one generated but not graded, and
on one with a single lesson graded, each does its job or stops with one line saying what to run,
and leaves no empty gradebook behind."""

import shutil

import nbformat
import pytest

from grader.course import COURSE_ROOT
from grader.grading.cli import main
from support.class_scenarios import EXPECTED, LESSON, submit_class
from support.grading import SANDBOXED, CourseCopy

pytestmark = pytest.mark.slow  # grades a lesson
UNSANDBOXED = [] if SANDBOXED else ["--no-sandbox"]
NOT_GENERATED = ("no lesson is generated yet: run `grader generate` first (it writes notebooks/ "
                 "and records the lessons in the gradebook)")
NOT_GRADED = "no lesson has graded submissions yet: run `grader autograde` first"


def run(course_root, *verb):
    main(["--course", str(course_root), *verb])


def stops(course_root, *verb) -> str:
    with pytest.raises(SystemExit) as stop:
        run(course_root, *verb)
    return str(stop.value)


def test_before_generate_every_verb_says_to_generate_and_creates_no_gradebook(tmp_path):
    shutil.copytree(COURSE_ROOT / "solutions", tmp_path / "solutions")
    shutil.copy(COURSE_ROOT / "nbgrader_config.py", tmp_path)
    submitted = tmp_path / "submitted" / "ana" / LESSON
    submitted.mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(), submitted / "conversion.ipynb")
    for verb in (["autograde", *UNSANDBOXED], ["feedback"], ["export"], ["report"]):
        assert stops(tmp_path, *verb) == NOT_GENERATED, verb
    assert not (tmp_path / "gradebook.db").exists()


def test_a_generated_course_without_grades_says_to_autograde(tmp_path, capsys):
    course = CourseCopy(tmp_path, LESSON)
    run(course.root, "autograde", *UNSANDBOXED)
    assert capsys.readouterr().out.startswith("nothing to grade: every submission in submitted/")
    assert stops(course.root, "feedback", LESSON) == (
        f"no graded submission of {LESSON} yet: run `grader autograde` first")
    assert stops(course.root, "export") == NOT_GRADED
    assert stops(course.root, "report") == NOT_GRADED
    assert stops(course.root, "feedback", "03-gpu-transfer") == (
        "03-gpu-transfer not generated yet: run `grader generate 03-gpu-transfer` first")


def test_with_one_lesson_graded_every_verb_works_and_skips_the_others(tmp_path, capsys):
    course = CourseCopy(tmp_path, LESSON)
    shutil.copytree(COURSE_ROOT / "solutions" / "02-shared-memory",
                    course.root / "solutions" / "02-shared-memory")
    run(course.root, "generate", "02-shared-memory")
    submit_class(course, {"correct": EXPECTED["correct"]})
    run(course.root, "autograde", *UNSANDBOXED)
    assert "1 submission graded; 0 with grading problems" in capsys.readouterr().out
    run(course.root, "feedback")
    assert (course.root / "feedback" / "correct" / LESSON / "conversion.html").exists()
    assert "02-shared-memory: no graded submissions yet, skipped" in capsys.readouterr().out
    run(course.root, "export")
    rows = (course.root / "grades.csv").read_text().splitlines()
    assert len(rows) == 2 and rows[1].startswith(f"{LESSON},")
    run(course.root, "report")
    assert "Histogram of the total points (of 5)" in (course.root / "class-report.html").read_text()
