"""Markers by area, and the fixtures several test files share."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from grader.course import COURSE_ROOT
from grader.grading.autograde import autograde
from support.class_scenarios import LESSON, submit_class
from support.grading import SANDBOXED, CourseCopy

pytest_plugins = ["pytester"]
TESTS = Path(__file__).parent
AREAS = ("notebook_helpers", "authoring", "grading", "lessons")  # pyproject.toml describes them


def pytest_collection_modifyitems(items):
    """Each test gets the marker of its folder's area; nbval's cells of the instructor sources
    are lessons executed whole, so slow too."""
    for item in items:
        path = Path(item.path)
        if path.is_relative_to(TESTS) and path.relative_to(TESTS).parts[0] in AREAS:
            item.add_marker(path.relative_to(TESTS).parts[0])
        elif path.is_relative_to(COURSE_ROOT / "solutions"):
            item.add_marker("lessons")
            item.add_marker("slow")

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
