"""Fixtures shared by several test files."""

import shutil
import subprocess
import sys

import pytest

from support.class_scenarios import LESSON, submit_class
from grader.grading.autograde import autograde
from support.grading import SANDBOXED, CourseCopy

pytest_plugins = ["pytester"]

SHORT_CELL_TIMEOUT = "\nc.Execute.timeout = 10  # the endless loop need not take 30 s here\n"


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory):
    """The scenario class graded twice: by plain serial nbgrader, and by the tool (2 workers)."""
    course = CourseCopy(tmp_path_factory.mktemp("class"), LESSON)
    with (course.root / "nbgrader_config.py").open("a") as config:
        config.write(SHORT_CELL_TIMEOUT)
    submit_class(course)
    serial_root = tmp_path_factory.mktemp("serial") / "course"
    shutil.copytree(course.root, serial_root)
    serial = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", LESSON,
                             f"--ExecuteWithLimits.sandbox={SANDBOXED}"],
                            cwd=serial_root, capture_output=True, text=True)
    found = autograde(course_root=course.root, workers=2, sandbox=SANDBOXED, progress=False)
    return course, found, serial_root, serial
