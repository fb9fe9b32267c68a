"""How an answer process (`grader.grading.judge.answers`) is started: by the judge's kernel
manager in the sandbox, by the judge itself elsewhere. Light: the grading process imports it."""

import sys
from pathlib import Path

ANSWER_SOCKET = "answers.sock"  # the judge listens on it, in a folder of its own
PACKAGE_PARENT = str(Path(__file__).resolve().parents[3])  # the folder that holds grader/


def template_command(socket_path: str, spec_path: str) -> list[str]:
    """The command line that starts an answer process. `-I`: nothing of the environment or of the
    work folder (where answers may write) joins the import path; only the grader's own package."""
    boot = (f"import sys; sys.path.insert(0, {PACKAGE_PARENT!r}); "
            "from grader.grading.judge.answers import main; main()")
    return [sys.executable, "-I", "-c", boot, socket_path, spec_path]
