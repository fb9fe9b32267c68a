"""Export every grade as one CSV file: `grader export [--output FILE]`.

nbgrader's `export`, with its default exporter (one row per student and lesson), for the lessons
that have graded submissions; the file goes into the course folder unless `--output` says where.
"""

from pathlib import Path

from grader.course import graded_lessons, nbgrader, require_generated


def export(*, course_root: Path, output: Path | None = None, db_url: str | None = None) -> Path:
    require_generated(course_root, db_url)
    graded = sorted(graded_lessons(course_root))
    if not graded:
        raise SystemExit("no lesson has graded submissions yet: run `grader autograde` first")
    output = Path(output or course_root / "grades.csv").resolve()
    database = [f"--db={db_url}"] if db_url else []
    nbgrader("export", f"--to={output}", "--log-level=WARN", *database,
             *(f"--assignment={lesson}" for lesson in graded), course_root=course_root)
    return output
