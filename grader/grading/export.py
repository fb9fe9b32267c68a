"""Export every grade as one CSV file: `grader export [--output grades.csv]`.

nbgrader's `export`, with its default exporter (one row per student and lesson).
"""

from pathlib import Path

from grader.course import nbgrader


def export(*, course_root: Path, output: Path, db_url: str | None = None) -> Path:
    database = [f"--db={db_url}"] if db_url else []
    nbgrader("export", f"--to={Path(output).resolve()}", "--log-level=WARN", *database,
             course_root=course_root)
    return Path(output)
