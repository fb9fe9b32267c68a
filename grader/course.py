"""The course folder, and how to run nbgrader in it, for the authoring tools and the grading tool.

The course folder holds `nbgrader_config.py`, the instructor sources in `solutions/`, the student
versions in `notebooks/` and, once grading starts, nbgrader's `submitted/`, `autograded/`,
`feedback/` and `gradebook.db`.
"""

import os
import subprocess
import sys
from pathlib import Path

from traitlets.config import Config, PyFileConfigLoader

# The clone this package belongs to: the default course folder.
COURSE_ROOT = Path(__file__).resolve().parent.parent


def lesson_folders(course_root: Path) -> list[str]:
    return sorted(path.name for path in (course_root / "solutions").iterdir() if path.is_dir())


def environment_tools_on_path() -> None:
    """nbgrader starts `alembic` as a subprocess when it creates a gradebook: it must be on PATH."""
    bin_dir = str(Path(sys.executable).parent)
    if bin_dir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bin_dir + os.pathsep + os.environ.get("PATH", "")


def nbgrader(*args: str, course_root: Path, quiet: bool = False) -> subprocess.CompletedProcess:
    """Run an nbgrader command in `course_root` with this interpreter's environment."""
    environment_tools_on_path()
    return subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course_root,
                          check=True, text=True, capture_output=quiet)


def course_config(course_root: Path, **settings) -> Config:
    """The course's nbgrader_config.py, as every `nbgrader` command in the course root reads it,
    with `settings` ("Section.name": value) on top."""
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course_root)).load_config()
    config.CourseDirectory.root = str(course_root)
    for dotted, value in settings.items():
        section, name = dotted.split(".")
        config[section][name] = value
    return config


def gradebook_url(course_root: Path, db_url: str | None = None) -> str:
    """`db_url`, or else the gradebook the course's configuration names."""
    from nbgrader.coursedir import CourseDirectory  # nbgrader is slow to import: only when needed

    settings = {"CourseDirectory.db_url": db_url} if db_url else {}
    return CourseDirectory(config=course_config(course_root, **settings)).db_url
