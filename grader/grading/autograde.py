"""Autograde a whole class with nbgrader, several submissions at once: `grader autograde`.

nbgrader grades one notebook after another in one process. Here each submission is executed by
nbgrader's own `Autograde` converter in a pool of worker processes (one per core by default), each
in a fresh kernel, against a private copy of the gradebook; then this process records it into the
real gradebook, one submission at a time, by running `Autograde` again with `ReplayExecution` in
place of execution. So the gradebook has one writer (SQLite is never locked or corrupted), any
SQLAlchemy URL works, and the grades are exactly those that a serial `nbgrader autograde` records.

A submission that cannot be graded (not a notebook, no notebook, a dead kernel...) never stops the
run: it is recorded with what it earned, and `grader.grading.problems` says why in the class
report.
Graded submissions are skipped by the next run unless they were submitted again (or `force`), so an
interrupted run resumes where it stopped and a finished one is idempotent.
"""

import logging
import multiprocessing
import os
import shutil
import tempfile
import warnings
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from nbgrader.api import Base, Gradebook
from nbgrader.converters import Autograde
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import Execute
from sqlalchemy import create_engine, delete, insert, select
from sqlalchemy.exc import SAWarning
from traitlets.config import Config
from tqdm import tqdm

from grader.course import (course_config, environment_tools_on_path, gradebook_url,
                           require_generated)
from grader.grading import problems
from grader.grading.preprocessors import ReplayExecution
from grader.grading.sandbox.bubblewrap import check_sandbox


@dataclass(frozen=True, order=True)
class Submission:
    lesson: str
    student: str


@dataclass
class Execution:
    """What a worker did with one submission: `failure` is None when it produced a notebook."""
    submission: Submission
    failure: str | None


def run_autograde(config: Config, submission: Submission) -> list[str]:
    """Run nbgrader's Autograde converter on one submission; return the errors it logged."""
    log = logging.getLogger(f"grader.autograde.{submission.lesson}.{submission.student}")
    log.propagate, log.handlers = False, []
    errors: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: errors.append(record.getMessage())
    log.addHandler(handler)
    config.CourseDirectory.assignment_id = submission.lesson
    config.CourseDirectory.student_id = submission.student
    coursedir = CourseDirectory(config=config, log=log)
    converter = Autograde(coursedir=coursedir, config=config, log=log)
    converter.force = True
    try:
        converter.start()
    except Exception as error:  # nbgrader raises after logging each failed submission
        errors.append(str(error))
    return errors


def quiet_worker(log_path: Path) -> None:
    """Send a worker's output, and its kernels' (they inherit it), to a log instead of the screen."""
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    os.dup2(log, 1)
    os.dup2(log, 2)
    warnings.simplefilter("ignore")


def execute_submission(course_root: Path, snapshot: Path, work_root: Path, settings: dict,
                       submission: Submission) -> Execution:
    """Worker: execute one submission with nbgrader, into work_root, on a private gradebook copy.

    The kernel's sandbox holds only work_root/<student>/<lesson>/: not the snapshot, not the
    private gradebook copy, not the other submissions."""
    private_db = work_root / f".{submission.lesson}.{submission.student}.db"
    shutil.copy(snapshot, private_db)
    config = course_config(course_root, **settings, **{
        "CourseDirectory.db_url": f"sqlite:///{private_db}",
        "CourseDirectory.autograded_directory": str(work_root)})
    errors = run_autograde(config, submission)
    private_db.unlink()
    executed = work_root / submission.student / submission.lesson
    if any(executed.glob("*.ipynb")):
        return Execution(submission, None)
    submitted = course_root / "submitted" / submission.student / submission.lesson
    return Execution(submission, problems.failure_reason(errors, submitted))


def record_submission(course_root: Path, db_url: str, work_root: Path,
                      execution: Execution) -> None:
    """Record one executed submission in the real gradebook and autograded/, as nbgrader would."""
    submission = execution.submission
    if execution.failure is None:
        config = course_config(course_root, **{"CourseDirectory.db_url": db_url})
        steps = config.Autograde.get("autograde_preprocessors",
                                     Autograde.autograde_preprocessors.default())
        config.Autograde.autograde_preprocessors = [
            ReplayExecution if isinstance(step, type) and issubclass(step, Execute) else step
            for step in steps]
        config.ReplayExecution.executed_directory = str(work_root)
        errors = run_autograde(config, submission)
        if errors:
            execution.failure = problems.failure_reason(
                errors, course_root / "submitted" / submission.student / submission.lesson)
    if execution.failure is not None:
        # Nothing lost: the student is in the gradebook, with no points for this lesson.
        with Gradebook(db_url) as gradebook:
            gradebook.update_or_create_student(submission.student)
            gradebook.update_or_create_submission(submission.lesson, submission.student)


def snapshot_gradebook(db_url: str, path: Path) -> None:
    """Copy every row of the gradebook into a new SQLite file that workers may use freely."""
    with Gradebook(f"sqlite:///{path}"):
        pass  # creates the schema and its alembic version
    source, target = create_engine(db_url), create_engine(f"sqlite:///{path}")
    with source.connect() as reading, target.begin() as writing:
        for table in reversed(Base.metadata.sorted_tables):
            writing.execute(delete(table))
        for table in Base.metadata.sorted_tables:
            rows = [row._asdict() for row in reading.execute(select(table))]
            if rows:
                writing.execute(insert(table), rows)
    source.dispose()
    target.dispose()


def execute_all(course_root: Path, snapshot: Path, work_root: Path, settings: dict,
                todo: list[Submission], workers: int, execute=None):
    """Yield each submission's Execution as workers finish.

    A worker that dies takes the submissions it was running with it, though only one of them
    killed it: those suspects are graded again, each alone in a worker of its own, so that only
    the one that kills its worker again is charged with it. (`execute` stands in for
    `execute_submission` in tests.)"""
    execute = execute or execute_submission
    spawn = multiprocessing.get_context("spawn")  # workers must not inherit this process's state

    def pool(size):
        return ProcessPoolExecutor(max_workers=size, mp_context=spawn, initializer=quiet_worker,
                                   initargs=(work_root / "workers.log",))

    suspects = []
    with pool(workers) as shared:
        running = {shared.submit(execute, course_root, snapshot, work_root, settings,
                                 submission): submission for submission in todo}
        for future in as_completed(running):
            try:
                yield future.result()
            except BrokenProcessPool:
                suspects.append(running[future])
    for submission in suspects:
        with pool(1) as alone:
            try:
                yield alone.submit(execute, course_root, snapshot, work_root, settings,
                                   submission).result()
            except BrokenProcessPool:
                yield Execution(submission, "the grading worker crashed while grading this "
                                            "submission alone (out of memory?)")


def pending_submissions(course_root: Path, lessons=None, students=None,
                        force: bool = False) -> list[Submission]:
    """Submissions in submitted/ that have no autograded notebook yet, or a newer submission."""
    coursedir = CourseDirectory(config=course_config(course_root))
    found = []
    for folder in sorted((course_root / "submitted").glob("*/*")):
        submission = Submission(lesson=folder.name, student=folder.parent.name)
        if not folder.is_dir() or (lessons and submission.lesson not in lessons) or (
                students and submission.student not in students):
            continue
        graded = course_root / "autograded" / submission.student / submission.lesson
        submitted_at = coursedir.get_existing_timestamp(str(folder))
        graded_at = coursedir.get_existing_timestamp(str(graded))
        if force or not any(graded.glob("*.ipynb")) or (
                submitted_at and graded_at and submitted_at > graded_at):
            found.append(submission)
    return found


def autograde(*, course_root: Path, lessons: list[str] | None = None,
              students: list[str] | None = None, workers: int | None = None,
              db_url: str | None = None, force: bool = False, sandbox: bool = True,
              judge: bool = True, progress: bool = True) -> dict[Submission, list[str]]:
    """Grade every pending submission; return the problems found, by submission.

    `sandbox=False` runs students' code unconfined, for machines where bubblewrap cannot run;
    otherwise grading refuses to start there (SandboxUnavailable says why). `judge=False` runs
    the test cells in the student's own kernel, where an answer can tamper with them."""
    course_root = Path(course_root).resolve()
    environment_tools_on_path()
    settings = {} if sandbox else {"ExecuteWithLimits.sandbox": False}
    if not judge:
        settings["ExecuteWithLimits.judge"] = False
    if course_config(course_root, **settings).ExecuteWithLimits.get("sandbox", True):
        check_sandbox()
    db_url = gradebook_url(course_root, db_url)
    todo = pending_submissions(course_root, lessons, students, force)
    # A lesson missing from the gradebook would fail every submission of it, one by one.
    require_generated(course_root, db_url, {submission.lesson for submission in todo})
    found: dict[Submission, list[str]] = {}
    if not todo:
        return found
    workers = workers or os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="autograde-") as scratch:
        work_root = Path(scratch)
        snapshot = work_root / "gradebook-snapshot.db"
        snapshot_gradebook(db_url, snapshot)
        with tqdm(total=len(todo), unit="notebook", desc="autograding",
                  disable=not progress) as bar:
            for execution in execute_all(course_root, snapshot, work_root, settings, todo,
                                         workers):
                with warnings.catch_warnings():  # nbgrader's SQLAlchemy usage warns; harmless
                    warnings.simplefilter("ignore", SAWarning)
                    record_submission(course_root, db_url, work_root, execution)
                submission = execution.submission
                found[submission] = problems.submission_problems(
                    course_root, submission.lesson, submission.student, execution.failure)
                problems.save(course_root, {submission: found[submission]})
                # Its work folder is not needed any more: free the disk for the next ones.
                shutil.rmtree(work_root / submission.student / submission.lesson,
                              ignore_errors=True)
                bar.update()
    return found
