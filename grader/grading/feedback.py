"""Write each graded student's HTML feedback: `grader feedback [LESSON ...]`.

nbgrader's `generate_feedback`, lesson by lesson, into feedback/<student>/<lesson>/.
"""

from pathlib import Path

from tqdm import tqdm

from grader.course import lesson_folders, nbgrader


def feedback(*, course_root: Path, lessons: list[str] | None = None,
             db_url: str | None = None) -> Path:
    """Generate the feedback of every lesson in `lessons` (default: all); return its folder."""
    database = [f"--db={db_url}"] if db_url else []
    for lesson in tqdm(lessons or lesson_folders(course_root), desc="feedback", unit="lesson"):
        nbgrader("generate_feedback", lesson, "--log-level=WARN", *database,
                 course_root=course_root)
    return course_root / "feedback"
