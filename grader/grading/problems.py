"""Why a submission lost points for reasons other than its answers, in words for the class report.

Problems come from three places: the worker that could not execute a submission at all
(`failure_reason`), the submitted notebook's structure compared with the gradebook (deleted,
duplicated or edited cells), and the executed notebook (limits hit, output cut, stderr in a test,
the sandbox's refusals, a student's function that ended the process it was called in). Each is
recognised by what `grader.grading.vocabulary` names, or by the error number of an OSError.
`grading-problems.json` in the course root keeps them between runs, by lesson and student.
"""

import errno
import json
import os
import re
import socket
import warnings
from pathlib import Path

import nbformat
from nbgrader.nbgraderformat import MetadataValidator, SchemaTooNewError, SchemaTooOldError
from nbgrader.nbgraderformat import ValidationError as MetadataError
from nbgrader.utils import compute_checksum, is_grade, is_locked, is_solution

from grader.grading import vocabulary

PROBLEMS_FILE = "grading-problems.json"
# What the sandbox's walls and limits (grader/grading/sandbox/) look like from inside a cell: the
# exceptions, and the error numbers of the OSErrors (Python writes them as "[Errno N] ...").
SANDBOX_REFUSALS = {"MemoryError", vocabulary.PROCESS_LIMIT, vocabulary.MEMORY_LIMIT}
SANDBOX_ERRNOS = {
    errno.EROFS: "a read-only folder",
    errno.EPERM: "an operation that needs privileges (mounting, say)",
    errno.EACCES: "a folder it may not write",
    errno.ENETUNREACH: "the network, which it does not have",
    socket.EAI_AGAIN: "a name lookup, without a network",
    errno.EAGAIN: "one more process or thread than allowed",
    errno.ENOMEM: "more memory than allowed",
    errno.ENOSPC: "more files than its folders may hold",
    errno.EFBIG: "a file larger than allowed",
}
OS_ERROR = re.compile(r"\[Errno (?P<number>-?\d+)\][^:]*(?:: '(?P<path>[^']*)')?")


def failure_reason(errors: list[str], submitted: Path) -> str:
    """Why nbgrader executed no notebook of the submission in the folder `submitted`."""
    for path in sorted(submitted.glob("*.ipynb")):
        try:
            notebook = read_quietly(path)
            nbformat.validate(notebook)
        except (ValueError, nbformat.ValidationError) as error:  # NotJSONError is a ValueError
            return (f"the notebook file {path.name} cannot be read ({type(error).__name__}: "
                    f"{str(error)[:200]}); ask for a fresh copy")
        try:
            MetadataValidator().validate_nb(notebook)
        except (MetadataError, SchemaTooOldError, SchemaTooNewError) as error:
            return (f"the nbgrader metadata of {path.name} is broken ({str(error)[:200]}); ask "
                    "for a fresh copy of the lesson with the answers pasted in")
    # nbgrader logs the exception's traceback, then a summary; the traceback's last line says it.
    logged = [m for m in errors if "Traceback (most recent call last)" in m] or errors
    lines = [line for line in (logged[0] if logged else "").splitlines() if line.strip()]
    return (f"grading failed: {lines[-1] if lines else 'nbgrader gave no reason'}; the submission "
            "is readable, so this is likely a fault of the grader: grade it alone (--student) to "
            "see the log")


def _cell_name(cell, index: int) -> str:
    grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
    return f"'{grade_id}'" if grade_id else f"#{index + 1}"


def structure_problems(submitted, released) -> list[str]:
    """Deleted, duplicated or edited graded cells of a submitted notebook, against its release."""
    found = []
    ids = [cell.metadata.get("nbgrader", {}).get("grade_id") for cell in submitted.cells]
    released_cells = {cell.metadata.nbgrader.grade_id: cell for cell in released.cells
                      if "nbgrader" in cell.metadata}
    graded = {name for name, cell in released_cells.items() if is_grade(cell) or is_solution(cell)}
    for name in sorted(graded - set(ids)):
        found.append(f"cell '{name}' was deleted; it earns no points")
    for name in sorted({name for name in ids if name and ids.count(name) > 1}):
        found.append(f"cell '{name}' appears {ids.count(name)} times; only the last was graded")
    for cell, name in zip(submitted.cells, ids):
        original = released_cells.get(name)
        if (original is not None and is_locked(original)
                and compute_checksum(cell) != original.metadata.nbgrader.get("checksum")):
            found.append(f"read-only cell '{name}' was edited; it was graded as released")
    return list(dict.fromkeys(found))


def sandbox_refusal(output) -> bool:
    """Whether an error output shows one of the sandbox's walls or limits."""
    if output.ename in SANDBOX_REFUSALS:
        return True
    match = OS_ERROR.match(output.evalue)
    if match is None:
        return False
    number = int(match["number"])
    # A missing absolute path is the course folder, which the sandbox hides.
    return number in SANDBOX_ERRNOS or (number == errno.ENOENT
                                        and (match["path"] or "").startswith("/"))


def execution_problems(executed) -> list[str]:
    """Limits hit while executing, the sandbox's refusals, output cut, stderr in test cells."""
    found = []
    for index, cell in enumerate(executed.cells):
        if cell.cell_type != "code":
            continue
        name = _cell_name(cell, index)
        is_test = is_grade(cell) and not is_solution(cell)
        for output in cell.outputs:
            if output.output_type == "error":
                found += _error_problems(output, name)
            elif output.output_type == "display_data" and \
                    vocabulary.OUTPUT_TRUNCATED in output.get("metadata", {}):
                found.append(f"cell {name} printed too much; its output was cut")
            elif is_test and output.output_type == "stream" and output.name == "stderr":
                found.append(f"test {name} wrote to stderr, which nbgrader scores as a failure")
    return list(dict.fromkeys(found))


def _error_problems(output, name: str) -> list[str]:
    if output.ename == vocabulary.CELL_TIMED_OUT:
        return [f"cell {name} ran past the per-cell time limit and was stopped"]
    if output.ename == vocabulary.NOT_RUN:
        return []  # the cell that stopped the notebook says why
    if output.ename in vocabulary.STOPPED_BY_GRADING:
        return [f"cell {name}: {output.evalue}"]
    if output.ename == vocabulary.ANSWER_ENDED_ITS_PROCESS:
        return [f"test {name}: {output.evalue}"[:300]]
    if sandbox_refusal(output):
        return [f"cell {name} tried what the sandbox forbids or limits: "
                f"{output.ename}: {output.evalue}"[:300]]
    return []


def submission_problems(course_root: Path, lesson: str, student: str,
                        failure: str | None) -> list[str]:
    """Every problem of one submission; `failure` is why it could not be executed, if it was not."""
    submitted = course_root / "submitted" / student / lesson
    found, missing = [], False
    for released_path in sorted((course_root / "notebooks" / lesson).glob("*.ipynb")):
        path = submitted / released_path.name
        if not path.exists():
            others = sorted(p.name for p in submitted.iterdir()) if submitted.is_dir() else []
            found.append(f"no {path.name} in the submission"
                         + (f" (it holds: {', '.join(others)})" if others else ""))
            missing = True
            continue
        try:
            found += structure_problems(read_quietly(path), read_quietly(released_path))
        except Exception:  # unreadable: the failure says so
            continue
        executed = course_root / "autograded" / student / lesson / path.name
        if failure is None and executed.exists():
            found += execution_problems(read_quietly(executed))
    if failure and not missing:
        found.insert(0, failure)
    return found


def read_quietly(path: Path):
    """Read a notebook; nbformat's warnings about a student's broken cell ids are ours to report."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return nbformat.read(path, as_version=4)


def load(course_root: Path) -> dict[str, dict[str, list[str]]]:
    path = Path(course_root) / PROBLEMS_FILE
    return json.loads(path.read_text()) if path.exists() else {}


def save(course_root: Path, updates: dict) -> None:
    """Merge problems by (lesson, student) into the problems file, replacing it atomically."""
    recorded = load(course_root)
    for submission, reasons in updates.items():
        recorded.setdefault(submission.lesson, {})[submission.student] = reasons
    path = Path(course_root) / PROBLEMS_FILE
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(recorded, indent=1, sort_keys=True) + "\n")
    os.replace(partial, path)
