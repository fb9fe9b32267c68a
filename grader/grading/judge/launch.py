"""How answer processes are started: in the sandbox, forked from the zygote
(`grader.grading.judge.zygote`) that the judge's kernel manager starts; elsewhere, by the judge
itself (`grader.grading.judge.answers`). Light: the grading process imports it."""

import sys
from pathlib import Path

ANSWER_SOCKET = "answers.sock"  # the judge listens on it, in a folder of its own
CONNECT_SECONDS = 120  # how long a judge and the zygote, or an answer process, wait for each other
PACKAGE_PARENT = str(Path(__file__).resolve().parents[3])  # the folder that holds grader/


def template_command(descriptor: int, spec_path: str) -> list[str]:
    """The command line that starts an answer process, connected to the judge through the
    inherited socket `descriptor`. `-I`: nothing of the environment or of the work folder (where
    answers may write) joins the import path; only the grader's own package."""
    return _isolated_python("grader.grading.judge.answers") + [str(descriptor), spec_path]


def zygote_command() -> list[str]:
    """The command line that starts the zygote, isolated in the same way."""
    return _isolated_python("grader.grading.judge.zygote")


def _isolated_python(module: str) -> list[str]:
    boot = (f"import sys; sys.path.insert(0, {PACKAGE_PARENT!r}); "
            f"from {module} import main; main()")
    return [sys.executable, "-I", "-c", boot]
