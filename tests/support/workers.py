"""Stand-ins for a grading worker's job, importable by the worker processes that run them."""

import os
import time

from grader.grading.autograde import Execution

KILLER = "kills-its-worker"


def execute_or_die(course_root, snapshot, work_root, settings, submission) -> Execution:
    """Ends its worker process for the student KILLER; takes a moment for everyone else."""
    if submission.student == KILLER:
        time.sleep(0.5)
        os._exit(1)
    time.sleep(1.5)  # so that a worker dies while this one is still running
    return Execution(submission, None)
