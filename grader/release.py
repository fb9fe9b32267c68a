"""Regenerate every student notebook from its instructor source: `python -m grader.release`.

Runs `nbgrader generate_assignment --force` for each lesson folder under solutions/, exactly as an
instructor would from the course root, so notebooks/ is always nbgrader's own output (solutions
stubbed out, hidden tests removed, outputs cleared, cells locked and checksummed). The
lesson's cells, with the hidden tests, are recorded in the course's gradebook for autograding.
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

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


def release(course_root: Path = COURSE_ROOT, lessons: list[str] | None = None,
            quiet: bool = False) -> None:
    for lesson in lessons or lesson_folders(course_root):
        if not quiet:
            print(f"generating notebooks/{lesson}/ from solutions/{lesson}/", flush=True)
        nbgrader("generate_assignment", lesson, "--force", "--log-level=WARN",
                 course_root=course_root, quiet=quiet)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson folders (default: all)")
    release(lessons=parser.parse_args(argv).lessons or None)


if __name__ == "__main__":
    main()
