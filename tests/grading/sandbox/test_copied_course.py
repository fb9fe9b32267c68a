"""A copy of the course folder grades with the environment of the original clone.

The grading process run from the copy imports the copy's `grader` package; the sandboxed kernels
must import that same package (the sandbox binds it and puts it on their import path), not the
one the environment was installed from, which the sandbox does not show them.
"""

import shutil
import subprocess
import sys

import pytest

from grader.course import COURSE_ROOT
from grader.grading.sandbox.bubblewrap import unavailable_reason
from support.class_scenarios import ALL_POINTS, EXPECTED, LESSON, all_scores, submit_class
from support.grading import CourseCopy

UNAVAILABLE = unavailable_reason()
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(UNAVAILABLE is not None, reason=str(UNAVAILABLE))]


def test_a_copied_course_grades_with_its_own_grader_package(tmp_path):
    course = CourseCopy(tmp_path / "copy", LESSON)
    shutil.copytree(COURSE_ROOT / "grader", course.root / "grader",
                    ignore=shutil.ignore_patterns("__pycache__"))
    submit_class(course, {"correct": EXPECTED["correct"]})
    run = subprocess.run([sys.executable, "-m", "grader", "autograde", "--workers", "1"],
                         cwd=course.root, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "1 submission graded; 0 with grading problems" in run.stdout, run.stdout
    assert sum(all_scores(course.root)["correct"].values()) == ALL_POINTS
