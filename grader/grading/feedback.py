"""Write each graded student's HTML feedback: `grader feedback [LESSON ...]`.

nbgrader's `generate_feedback`, lesson by lesson, into feedback/<student>/<lesson>/, for the lessons
that have graded submissions (the others are skipped, saying so).
"""

from pathlib import Path

from tqdm import tqdm

from grader.course import graded_lessons, lesson_folders, nbgrader, require_generated


def feedback(*, course_root: Path, lessons: list[str] | None = None,
             db_url: str | None = None) -> Path:
    """Generate the feedback of every lesson in `lessons` (default: all); return its folder."""
    require_generated(course_root, db_url, lessons or ())
    graded = graded_lessons(course_root)
    chosen = lessons or lesson_folders(course_root)
    if not graded.intersection(chosen):
        raise SystemExit(f"no graded submission of {' or '.join(chosen)} yet: run "
                         "`grader autograde` first")
    database = [f"--db={db_url}"] if db_url else []
    for lesson in tqdm(chosen, desc="feedback", unit="lesson"):
        if lesson not in graded:
            tqdm.write(f"{lesson}: no graded submissions yet, skipped")
            continue
        nbgrader("generate_feedback", lesson, "--log-level=WARN", *database,
                 course_root=course_root)
    return course_root / "feedback"
