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


def find_course(given: Path | None = None) -> Path:
    """The course folder: `given`, or else the current folder, as for nbgrader itself (the
    folder holding nbgrader_config.py). Stops, saying what to do, anywhere else."""
    root = Path(given or Path.cwd()).resolve()
    if not (root / "nbgrader_config.py").is_file():
        raise SystemExit(f"{root} is not a course folder (it has no nbgrader_config.py): run "
                         "this from the course folder, or name it with --course FOLDER")
    return root


def generated_lessons(course_root: Path, db_url: str | None = None) -> set[str]:
    """The lessons the gradebook knows, which `grader generate` records; asking never creates
    the gradebook (nbgrader would leave an empty one behind)."""
    from nbgrader.api import Gradebook  # nbgrader is slow to import: only when needed

    url = gradebook_url(course_root, db_url)
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).is_file():
        return set()
    with Gradebook(url) as gradebook:
        return {assignment.name for assignment in gradebook.assignments}


def graded_lessons(course_root: Path) -> set[str]:
    """The lessons with at least one autograded submission."""
    return {path.parent.name for path in (course_root / "autograded").glob("*/*/*.ipynb")}


def require_generated(course_root: Path, db_url: str | None, lessons=()) -> None:
    """Stops, saying what to run, when no lesson is generated yet, or one of `lessons` is not."""
    known = generated_lessons(course_root, db_url)
    if not known:
        raise SystemExit("no lesson is generated yet: run `grader generate` first (it writes "
                         "notebooks/ and records the lessons in the gradebook)")
    missing = sorted(set(lessons) - known)
    if missing:
        raise SystemExit(f"{' and '.join(missing)} not generated yet: run "
                         f"`grader generate {' '.join(missing)}` first")


def gradebook_url(course_root: Path, db_url: str | None = None) -> str:
    """`db_url`, or else the gradebook the course's configuration names."""
    from nbgrader.coursedir import CourseDirectory  # nbgrader is slow to import: only when needed

    settings = {"CourseDirectory.db_url": db_url} if db_url else {}
    return CourseDirectory(config=course_config(course_root, **settings)).db_url
