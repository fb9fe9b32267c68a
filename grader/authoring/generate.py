"""Generate every student notebook from its instructor source: `make generate`.

The same as `grader generate` or `python -m grader.authoring.generate [LESSON ...]`.

Runs `nbgrader generate_assignment --force` for each lesson folder under solutions/, exactly as an
instructor would from the course root, so notebooks/ is always nbgrader's own output (solutions
stubbed out, hidden tests removed, outputs cleared, cells locked and checksummed). The lesson's
cells, with the hidden tests, are recorded in the course's gradebook for autograding.

("Release" in nbgrader means publishing a generated lesson to the exchange, which this does not.)
"""

import argparse
from pathlib import Path

from grader.course import COURSE_ROOT, lesson_folders, nbgrader


def generate(*, course_root: Path = COURSE_ROOT, lessons: list[str] | None = None,
             quiet: bool = False) -> None:
    for lesson in lessons or lesson_folders(course_root):
        if not quiet:
            print(f"generating notebooks/{lesson}/ from solutions/{lesson}/", flush=True)
        nbgrader("generate_assignment", lesson, "--force", "--log-level=WARN",
                 course_root=course_root, quiet=quiet)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lessons", nargs="*", help="lesson folders (default: all)")
    generate(lessons=parser.parse_args(argv).lessons or None)


if __name__ == "__main__":
    main()
