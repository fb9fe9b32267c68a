"""Write the class report, one HTML file with its figures inside: `grader report`.

It shows what the gradebook and the autograded notebooks say about a class: the distribution of
total scores, the pass rate of each exercise, the failure message most students got on each
exercise, and every submission that had a grading problem (from `grader.grading.problems`), with
why.
"""

import base64
import html
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.ticker import MaxNLocator  # noqa: E402
from nbgrader.api import Gradebook, MissingEntry  # noqa: E402

from grader.contract import LESSONS  # noqa: E402
from grader.course import gradebook_url, require_generated  # noqa: E402
from grader.grading import problems, vocabulary  # noqa: E402


@dataclass
class ClassResults:
    totals: dict[str, float] = field(default_factory=dict)  # student -> points over all lessons
    max_total: float = 0
    passed: Counter = field(default_factory=Counter)  # test grade id -> students with full points
    graded: Counter = field(default_factory=Counter)  # test grade id -> students graded
    failures: dict = field(default_factory=lambda: defaultdict(Counter))  # grade id -> messages
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # lesson, student, reason


def first_failure(cell) -> str | None:
    """The line a student reads first when a test cell fails: `ename: evalue`, shortened.

    Cells that grading stopped (a dead kernel, a timeout) are left to the grading problems."""
    for output in cell.get("outputs", []):
        if output.output_type == "error" and output.ename not in vocabulary.STOPPED_BY_GRADING:
            message = f"{output.ename}: {output.evalue}".strip().rstrip(":")
            return message if len(message) <= 160 else message[:157] + "..."
    return None


def gather(course_root: Path, db_url: str | None = None) -> ClassResults:
    results = ClassResults()
    with Gradebook(gradebook_url(course_root, db_url)) as gradebook:
        results.totals = {student.id: 0.0 for student in gradebook.students}
        for lesson in LESSONS:
            try:
                assignment = gradebook.find_assignment(lesson.folder)
            except MissingEntry:
                continue
            if not assignment.submissions:
                continue  # not graded yet: its points are not part of anybody's total
            results.max_total += assignment.max_score
            for submission in assignment.submissions:
                results.totals[submission.student.id] += submission.score
                for notebook in submission.notebooks:
                    for grade in notebook.grades:  # this course grades test cells only
                        results.graded[grade.name] += 1
                        results.passed[grade.name] += grade.score >= grade.max_score
    for lesson in LESSONS:
        for path in sorted((course_root / "autograded").glob(f"*/{lesson.folder}/*.ipynb")):
            for cell in problems.read_quietly(path).cells:
                grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
                message = first_failure(cell) if grade_id in results.graded else None
                if message:
                    results.failures[grade_id][message] += 1
    for lesson, students in sorted(problems.load(course_root).items()):
        for student, reasons in sorted(students.items()):
            results.problems += [(lesson, student, reason) for reason in reasons]
    return results


def figure_html(figure, alt: str) -> str:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    plt.close(figure)
    data = base64.b64encode(buffer.getvalue()).decode()
    return f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}">'


def score_distribution(results: ClassResults) -> str:
    figure, axes = plt.subplots(figsize=(7, 3.5))
    axes.hist(list(results.totals.values()), bins=min(20, int(results.max_total) + 1),
              range=(0, results.max_total), color="#4477aa", edgecolor="white")
    axes.set_title("Score distribution")
    axes.set_xlabel(f"total points (of {results.max_total:g})")
    axes.set_ylabel("students")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    return figure_html(figure, f"Histogram of the total points (of {results.max_total:g}) of "
                               f"{len(results.totals)} students")


def pass_rates(results: ClassResults) -> str:
    names = [name for name in results.graded][::-1]
    rates = [100 * results.passed[name] / results.graded[name] for name in names]
    figure, axes = plt.subplots(figsize=(7, 0.3 * len(names) + 1))
    axes.barh(names, rates, color="#228833")
    axes.set_xlim(0, 100)
    axes.set_title("Pass rate per exercise")
    axes.set_xlabel("students with full points (%)")
    axes.set_ylabel("exercise test")
    return figure_html(figure, "Bar chart of the share of students who passed each exercise: "
                       + ", ".join(f"{n} {r:.0f}%" for n, r in zip(names[::-1], rates[::-1])))


def table(header: tuple[str, ...], rows) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in rows)
    return f"<table><tr>{cells}</tr>{body}</table>"


def render(results: ClassResults) -> str:
    frequent = [(name, *results.failures[name].most_common(1)[0])
                for name in results.graded if results.failures[name]]
    sections = [
        "<h1>Class report</h1>",
        f"<p>{len(results.totals)} students, {sum(results.graded.values())} graded tests.</p>",
        "<h2>Score distribution</h2>", score_distribution(results),
        "<h2>Pass rate per exercise</h2>", pass_rates(results),
        "<h2>Most frequent failure per exercise</h2>",
        table(("exercise test", "message", "students"), frequent),
        f"<h2>Grading problems ({len(results.problems)})</h2>",
        table(("lesson", "student", "problem"), results.problems)
        if results.problems else "<p>None: every submission was executed as submitted.</p>",
    ]
    style = ("body{font-family:sans-serif;max-width:60em;margin:2em auto}"
             "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em;"
             "text-align:left;vertical-align:top}")
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Class report</title><style>{style}</style></head><body>"
            + "\n".join(sections) + "</body></html>\n")


def report(*, course_root: Path, output: Path | None = None, db_url: str | None = None) -> Path:
    """Write the report of every lesson with graded submissions; into the course folder unless
    `output` says where."""
    require_generated(course_root, db_url)
    results = gather(Path(course_root), db_url)
    if not results.totals:
        raise SystemExit("no lesson has graded submissions yet: run `grader autograde` first")
    output = Path(output or course_root / "class-report.html")
    output.write_text(render(results))
    return output
