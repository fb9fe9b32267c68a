"""The instructor's command line: `grader <verb>` (or `python -m grader <verb>`), one verb a step.

Each verb is a thin shell over a keyword-only function in its own module; `--db` takes any
SQLAlchemy URL (default: the course's SQLite gradebook.db).
"""

import argparse
import os
import sys
from pathlib import Path

from grader.course import find_course


def generate(args):
    from grader.authoring.generate import generate as generate_lessons
    generate_lessons(course_root=args.course, lessons=args.lessons or None)


def collect(args):
    from grader.grading.collect import collect as collect_submissions
    placed, left_out = collect_submissions(course_root=args.course, source=args.source)
    print(f"{count(placed, 'notebook')} placed in submitted/")
    for line in left_out:
        print(f"left out: {line}")


def autograde(args):
    from grader.grading.autograde import autograde as autograde_class
    from grader.grading.sandbox.bubblewrap import SandboxUnavailable
    try:
        found = autograde_class(course_root=args.course, lessons=args.lessons or None,
                                students=args.student or None, workers=args.workers,
                                db_url=args.db, force=args.force, sandbox=not args.no_sandbox,
                                judge=not args.no_judge)
    except SandboxUnavailable as refusal:
        sys.exit(str(refusal))
    if not found:
        print("nothing to grade: every submission in submitted/ is graded (`grader collect` "
              "brings new ones; --force grades them again)")
        return
    print(f"{count(found, 'submission')} graded; "
          f"{sum(bool(reasons) for reasons in found.values())} with grading problems")
    for submission, reasons in sorted(found.items()):
        for reason in reasons:
            print(f"  {submission.lesson} {submission.student}: {reason}")


def feedback(args):
    from grader.grading.feedback import feedback as write_feedback
    folder = write_feedback(course_root=args.course, lessons=args.lessons or None, db_url=args.db)
    print(f"feedback written to {folder}/<student>/<lesson>/")


def export(args):
    from grader.grading.export import export as export_grades
    output = export_grades(course_root=args.course, output=args.output, db_url=args.db)
    print(f"grades written to {output}")


def report(args):
    from grader.grading.report import report as write_report
    output = write_report(course_root=args.course, output=args.output, db_url=args.db)
    print(f"report written to {output}")


def count(items, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="grader", description=__doc__.splitlines()[0])
    main_parser.add_argument("--course", type=Path,
                             help="course folder (default: the current folder, as for nbgrader)")
    main_parser.add_argument("--db", help="gradebook URL, e.g. postgresql://host/course "
                                          "(default: sqlite:///<course>/gradebook.db)")
    verbs = main_parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    def verb(function, help_text):
        sub = verbs.add_parser(function.__name__, help=help_text, description=help_text)
        sub.set_defaults(run=function)
        return sub

    verb(generate, "regenerate the student notebooks (notebooks/) from solutions/") \
        .add_argument("lessons", nargs="*", help="lesson folders (default: all)")
    verb(collect, "put a folder or a learning platform's zip of notebooks into submitted/") \
        .add_argument("source", type=Path, help="the folder or zip file")
    grade = verb(autograde, "autograde every new submission, several at a time")
    grade.add_argument("lessons", nargs="*", help="lesson folders (default: all)")
    grade.add_argument("--student", action="append", help="only this student (repeatable)")
    grade.add_argument("--workers", type=int, default=os.cpu_count(),
                       help="submissions graded at once (default: one per core, %(default)s)")
    grade.add_argument("--force", action="store_true", help="grade graded submissions again")
    grade.add_argument("--no-sandbox", action="store_true",
                       help="run students' code unconfined where bubblewrap cannot run "
                            "(it can then read solutions/ and write anywhere you can)")
    grade.add_argument("--no-judge", action="store_true",
                       help="run the test cells in each student's own kernel: faster, but an "
                            "answer can then tamper with the tests")
    verb(feedback, "write each student's HTML feedback into feedback/") \
        .add_argument("lessons", nargs="*", help="lesson folders (default: all)")
    verb(export, "export every grade as CSV").add_argument(
        "--output", type=Path, help="(default: grades.csv in the course folder)")
    verb(report, "write the class report (HTML with figures)").add_argument(
        "--output", type=Path, help="(default: class-report.html in the course folder)")
    return main_parser


def main(argv=None) -> None:
    args = parser().parse_args(argv)
    args.course = find_course(args.course)
    args.run(args)


if __name__ == "__main__":
    sys.exit(main())
